/**
 * `nailgun` as an operator client of a running server (issue 7): login/logout, env, node, task,
 * release, extension, completion. Exit codes: 0 ok, 1 API error, 2 usage error, 3 not logged in
 * (or 401), 4 the followed task ended in error.
 */
import { Command, type CommanderError } from 'commander'
import { bashCompletion, zshCompletion } from './completion.js'
import { envCommand } from './env-command.js'
import { CliExit, type ClientIo, EXIT, processIo, usageError } from './io.js'
import { addLoginCommands } from './login-command.js'
import { extensionCommand, releaseCommand, taskCommand } from './misc-commands.js'
import { nodeCommand } from './node-command.js'
import { runAction } from './session.js'

export type { ClientIo } from './io.js'
export { EXIT } from './io.js'

const EXIT_HELP = `
Operator commands talk to a server over its REST API (--url, NAILGUN_URL; \`nailgun login\` first).
Exit codes: 0 ok, 1 API error, 2 usage error, 3 not logged in or token refused, 4 the task failed.`

/**
 * Output through `io`, and usage errors as exit code 2: thrown as CliExit in-process (tests), or
 * a process exit when `io` is the process's.
 */
function configure(command: Command, io: ClientIo, inProcess: boolean): Command {
  return command
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) })
    .showHelpAfterError('(add --help for usage)')
    .exitOverride((error: CommanderError) => {
      const code = error.exitCode === 0 ? EXIT.ok : EXIT.usage
      if (!inProcess) process.exit(code)
      throw new CliExit(code, error.message)
    })
}

function completionCommand(io: ClientIo): Command {
  const command = new Command('completion')
    .description('print a shell completion script: source <(nailgun completion bash)')
    .argument('<shell>', 'bash or zsh')
  return command.action((shell: string) =>
    runAction(io, async () => {
      let root: Command = command
      while (root.parent) root = root.parent
      if (shell === 'bash') io.out.write(bashCompletion(root))
      else if (shell === 'zsh') io.out.write(zshCompletion(root))
      else throw usageError(`unknown shell '${shell}': bash or zsh`)
    }),
  )
}

/** Adds the operator commands to `program` (the `nailgun` program, or a bare one in tests). */
export function addClientCommands(program: Command, io: ClientIo = processIo(), inProcess = false): Command {
  const holder = configure(new Command('client-holder'), io, inProcess)
  // Sub-commands copy their parent's output and exit settings when created: build under a configured holder.
  addLoginCommands(holder, io)
  for (const make of [envCommand, nodeCommand, taskCommand, releaseCommand, extensionCommand, completionCommand]) {
    holder.addCommand(configureTree(make(io), io, inProcess))
  }
  for (const command of [...holder.commands]) program.addCommand(command)
  program.addHelpText('after', EXIT_HELP)
  return program
}

function configureTree(command: Command, io: ClientIo, inProcess: boolean): Command {
  configure(command, io, inProcess)
  for (const sub of command.commands) configureTree(sub, io, inProcess)
  return command
}

/** Runs the operator commands in-process with `io`; resolves to the exit code. */
export async function runClient(argv: readonly string[], io: ClientIo): Promise<number> {
  const program = configure(new Command('nailgun'), io, true)
  addClientCommands(program, io, true)
  io.exitCode = EXIT.ok
  try {
    await program.parseAsync([...argv], { from: 'user' })
  } catch (error) {
    if (!(error instanceof CliExit)) throw error
    io.exitCode = error.code
  }
  return io.exitCode
}
