/** Building blocks of the operator commands: shared options, id parsing, the action wrapper. */
import type { Command } from 'commander'
import type { ApiClient } from './api-client.js'
import type { FormatOptions } from './format.js'
import { type ClientIo, usageError } from './io.js'
import { connect, runAction } from './session.js'

export interface CommonOptions extends FormatOptions {
  url?: string
  wait?: boolean
}

const URL_HELP = 'server URL (env: NAILGUN_URL; default: the server logged in to, else http://127.0.0.1:8000)'

/** A sub-command with --url, --json and --yaml. */
export function leaf(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .option('--url <url>', URL_HELP)
    .option('--json', 'print JSON')
    .option('--yaml', 'print YAML')
}

/** Adds `--no-wait` to commands that start a task. */
export const withWait = (command: Command) =>
  command.option('--no-wait', 'return at once, printing the task, instead of following it')

export type Handler<O> = (client: ApiClient, options: O, args: string[]) => Promise<unknown>

/** Connects to the server, runs `handler` and turns its outcome into the exit code. */
export function act<O extends CommonOptions>(io: ClientIo, command: Command, handler: Handler<O>): Command {
  return command.action(async (...received: unknown[]) => {
    const args = received.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a : [a])) as string[]
    const options = command.opts<O>()
    await runAction(io, async () => handler(await connect(io, options), options, args))
  })
}

export function parseId(text: string | undefined, what: string): number {
  if (text === undefined || !/^\d{1,10}$/.test(text.trim()) || Number(text) < 1)
    throw usageError(`${what} must be a positive number, got '${text ?? ''}'`)
  return Number(text)
}

/** `1,2,3` (or several arguments) → ids. */
export function parseIds(texts: string | string[] | undefined, what: string): number[] {
  const parts = [texts ?? []]
    .flat()
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '')
  if (parts.length === 0) throw usageError(`give at least one ${what}`)
  return parts.map((p) => parseId(p, what))
}

export const parseList = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
