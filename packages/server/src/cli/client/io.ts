/**
 * Where the operator client writes and reads: stdout/stderr/stdin of the process, or buffers in
 * tests. Commands never touch `process` directly, so they can be run in-process and inspected.
 */
import type { Readable, Writable } from 'node:stream'

export interface ClientIo {
  out: Writable & { isTTY?: boolean; columns?: number }
  err: Writable & { isTTY?: boolean }
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown }
  env: NodeJS.ProcessEnv
  /** Delay between polls of a running task (ms). */
  pollMs: number
  /** The exit code of the last command: 0 until something goes wrong. */
  exitCode: number
}

export function processIo(): ClientIo {
  return {
    out: process.stdout,
    err: process.stderr,
    stdin: process.stdin,
    env: process.env,
    pollMs: 1000,
    get exitCode() {
      return typeof process.exitCode === 'number' ? process.exitCode : 0
    },
    set exitCode(code: number) {
      process.exitCode = code
    },
  }
}

export function writeLine(stream: Writable, line = ''): void {
  stream.write(`${line}\n`)
}

/** Exit codes the operator client uses (documented in `nailgun --help` and the README). */
export const EXIT = { ok: 0, api: 1, usage: 2, auth: 3, taskFailed: 4 } as const

/** An error that ends the command with this exit code and message. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
    this.name = 'CliExit'
  }
}

export const usageError = (message: string) => new CliExit(EXIT.usage, message)
