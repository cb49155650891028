/** Questions on the terminal (login): plain, or without echo for passwords. */
import { createInterface, type Interface } from 'node:readline/promises'
import { Writable } from 'node:stream'
import { CliExit, type ClientIo } from './io.js'

/** Ctrl-C at a question ends the command (raw mode would otherwise swallow it). */
async function question(rl: Interface, text: string, onAsked?: () => void): Promise<string> {
  const controller = new AbortController()
  rl.on('SIGINT', () => controller.abort())
  const pending = rl.question(text, { signal: controller.signal })
  onAsked?.()
  try {
    return await pending
  } catch (error) {
    if (controller.signal.aborted) throw new CliExit(130, 'cancelled')
    throw error
  }
}

export async function ask(io: ClientIo, text: string, fallback: string): Promise<string> {
  const rl = createInterface({ input: io.stdin, output: io.err, terminal: Boolean(io.stdin.isTTY) })
  try {
    const answer = await question(rl, `${text}${fallback ? ` [${fallback}]` : ''}: `)
    return answer.trim() || fallback
  } finally {
    rl.close()
  }
}

/** Reads a line without showing it: readline writes its echo into a muted stream. */
export async function askSecret(io: ClientIo, text: string): Promise<string> {
  let muted = false
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) io.err.write(chunk)
      callback()
    },
  })
  const rl = createInterface({ input: io.stdin, output, terminal: Boolean(io.stdin.isTTY) })
  try {
    return await question(rl, `${text}: `, () => {
      muted = true
    })
  } finally {
    muted = false
    io.err.write('\n')
    rl.close()
  }
}

/** The first line of stdin (`--password-stdin`). */
export async function readFirstLine(io: ClientIo): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? ''
}
