/**
 * What the CLI writes for humans: results on stdout, problems on stderr. (The server's own
 * diagnostics go through its JSON logger instead.)
 */
import { NailgunError } from '@nailgun/extensions'

export function print(line: string): void {
  process.stdout.write(`${line}\n`)
}

export function printError(error: unknown): void {
  // Coded errors carry a message meant for the operator; anything else may be a bug, so keep the stack.
  const text =
    error instanceof NailgunError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error)
  process.stderr.write(`error: ${text}\n`)
}
