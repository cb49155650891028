import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { bashCompletion, zshCompletion } from '../../src/cli/client/completion.js'
import { buildProgram } from '../../src/cli/program.js'
import { runIn } from './helpers.js'

const hasBash = spawnSync('bash', ['--version']).status === 0

/** Runs the bash completion function on a command line and returns what it offers. */
function complete(script: string, line: string[]): string[] {
  const words = line.map((w) => `'${w}'`).join(' ')
  const program = `${script}\nCOMP_WORDS=(${words}); COMP_CWORD=${line.length - 1}; _nailgun_complete; printf '%s\\n' "\${COMPREPLY[@]}"`
  const res = spawnSync('bash', ['-c', program], { encoding: 'utf8' })
  expect(res.stderr).toBe('')
  return res.stdout.split('\n').filter(Boolean)
}

describe('nailgun completion', () => {
  it('prints a bash script naming every command, generated from the command tree', async () => {
    const res = await runIn(['completion', 'bash'], {})
    expect(res.code).toBe(0)
    for (const word of [
      'env',
      'node',
      'task',
      'release',
      'extension',
      'login',
      'logout',
      'deploy',
      'facts',
      '--no-wait',
    ])
      expect(res.out).toContain(word)
    const full = bashCompletion(buildProgram())
    for (const word of ['serve', 'db', 'user', 'orchestrator', "'/env/facts/deployment'"]) expect(full).toContain(word)
  })

  it.skipIf(!hasBash)('completes sub-commands and options in bash', () => {
    const script = bashCompletion(buildProgram())
    expect(spawnSync('bash', ['-n', '-c', script]).status).toBe(0)
    expect(complete(script, ['nailgun', ''])).toEqual(expect.arrayContaining(['serve', 'env', 'node', 'login']))
    expect(complete(script, ['nailgun', 'env', 'de'])).toEqual(['deploy', 'delete'])
    expect(complete(script, ['nailgun', 'env', 'facts', 'deployment', 'd']).sort()).toEqual([
      'defaults',
      'delete',
      'download',
    ])
    expect(complete(script, ['nailgun', 'node', 'list', '--e'])).toEqual(['--env'])
  })

  it('prints a zsh script, and refuses other shells with exit 2', async () => {
    const zsh = zshCompletion(buildProgram())
    expect(zsh.startsWith('#compdef nailgun')).toBe(true)
    expect(zsh).toContain("('/env/deploy') choices=")
    const res = await runIn(['completion', 'fish'], {})
    expect(res.code).toBe(2)
    expect(res.err).toContain("unknown shell 'fish'")
  })
})
