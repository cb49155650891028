/**
 * The operator client in-process: commands run through `runClient` with buffered output, against
 * a real listening test server (createTestApp + listen on a free port).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { createTestApp, type TestApp, type TestAppOptions } from '@nailgun/testing'
import { type ClientIo, runClient } from '../../src/cli/client/index.js'

export interface Served {
  t: TestApp
  url: string
  /** NAILGUN_CONFIG_DIR of this test: credentials live here, never in the real home. */
  configDir: string
  run(args: string[], options?: RunOptions): Promise<RunResult>
  close(): Promise<void>
}

export interface RunOptions {
  input?: string
  env?: Record<string, string>
  /** Pretend stderr is a terminal (progress bars). */
  tty?: boolean
}

export interface RunResult {
  code: number
  out: string
  err: string
}

function collector(tty: boolean) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number }
  let text = ''
  stream.on('data', (chunk) => (text += chunk))
  if (tty) {
    stream.isTTY = true
    stream.columns = 120
    Object.assign(stream, { cursorTo: () => true, clearLine: () => true, moveCursor: () => true })
  }
  return { stream, text: () => text }
}

export async function runIn(args: string[], env: Record<string, string>, options: RunOptions = {}): Promise<RunResult> {
  const out = collector(false)
  const err = collector(Boolean(options.tty))
  const io: ClientIo = {
    out: out.stream,
    err: err.stream,
    stdin: Readable.from(options.input === undefined ? [] : [options.input]),
    env: { HOME: env.NAILGUN_CONFIG_DIR ?? os.tmpdir(), ...env, ...options.env },
    pollMs: 10,
    exitCode: 0,
  }
  const code = await runClient(args, io)
  await new Promise((resolve) => setImmediate(resolve))
  return { code, out: out.text(), err: err.text() }
}

export async function serve(options: TestAppOptions = {}): Promise<Served> {
  const t = await createTestApp(options)
  const address = await t.app.http.listen({ port: 0, host: '127.0.0.1' })
  const configDir = await mkdtemp(path.join(os.tmpdir(), 'ng-cli-client-'))
  const env = { NAILGUN_URL: address, NAILGUN_CONFIG_DIR: configDir }
  return {
    t,
    url: address,
    configDir,
    run: (args, runOptions) => runIn(args, env, runOptions),
    close: async () => {
      await t.close()
      await rm(configDir, { recursive: true, force: true })
    },
  }
}

export const ADMIN_PASSWORD = 'cli-admin-password-1'
export const keystone = { config: { auth: 'keystone' as const, adminPassword: ADMIN_PASSWORD } }
