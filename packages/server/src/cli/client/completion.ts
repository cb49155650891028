/**
 * `nailgun completion bash|zsh`: a completion script generated from the commander tree, so it
 * follows the commands as they are added. Completes command names and each command's options.
 */
import type { Command } from 'commander'

interface Entry {
  /** `/env/facts/deployment` ('' for the program itself). */
  path: string
  words: string[]
}

export function commandEntries(program: Command): Entry[] {
  const entries: Entry[] = []
  const visit = (command: Command, path: string) => {
    const subcommands = command.commands.map((c) => c.name())
    const options = command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f)))
    entries.push({ path, words: [...subcommands, ...options, '--help'] })
    for (const sub of command.commands) visit(sub, `${path}/${sub.name()}`)
  }
  visit(program, '')
  return entries
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`

function bodyLines(entries: Entry[], assign: string): { paths: string; cases: string } {
  const paths = entries
    .filter((e) => e.path !== '')
    .map((e) => quote(e.path))
    .join('|')
  const cases = entries.map((e) => `    ${quote(e.path)}) ${assign}${quote(e.words.join(' '))} ;;`).join('\n')
  return { paths, cases }
}

export function bashCompletion(program: Command): string {
  const name = program.name()
  const { paths, cases } = bodyLines(commandEntries(program), 'words=')
  return `# bash completion for ${name}; install with:  ${name} completion bash > /etc/bash_completion.d/${name}
# or add to ~/.bashrc:  source <(${name} completion bash)
_${name}_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmdpath="" w i words=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "\${cmdpath}/\${w}" in
      ${paths}) cmdpath="\${cmdpath}/\${w}" ;;
    esac
  done
  case "\${cmdpath}" in
${cases}
  esac
  COMPREPLY=($(compgen -W "\${words}" -- "\${cur}"))
}
complete -o default -F _${name}_complete ${name}
`
}

export function zshCompletion(program: Command): string {
  const name = program.name()
  const { paths, cases } = bodyLines(commandEntries(program), 'choices=')
  return `#compdef ${name}
# zsh completion for ${name}; install with:  ${name} completion zsh > "\${fpath[1]}/_${name}"
# or add to ~/.zshrc:  source <(${name} completion zsh)
_${name}() {
  local cmdpath="" w i choices=""
  for ((i = 2; i < CURRENT; i++)); do
    w="\${words[i]}"
    case "\${cmdpath}/\${w}" in
      (${paths}) cmdpath="\${cmdpath}/\${w}" ;;
    esac
  done
  case "\${cmdpath}" in
${cases.replaceAll(/^ {4}'/gm, "    ('")}
  esac
  compadd -- \${=choices}
}
compdef _${name} ${name}
`
}
