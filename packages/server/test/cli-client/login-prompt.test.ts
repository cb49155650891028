import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { createTestApp, type TestApp } from '@nailgun/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { type ClientIo, runClient } from '../../src/cli/client/index.js'
import { ADMIN_PASSWORD, keystone } from './helpers.js'

describe('nailgun login on a terminal', () => {
  let t: TestApp
  let dir: string
  afterEach(async () => {
    await t.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('asks the URL, the user and the password, and never echoes the password', async () => {
    t = await createTestApp(keystone)
    const url = await t.app.http.listen({ port: 0, host: '127.0.0.1' })
    dir = await mkdtemp(path.join(os.tmpdir(), 'ng-login-tty-'))
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin })
    const out = new PassThrough()
    const err = new PassThrough()
    let outText = ''
    let errText = ''
    out.on('data', (d) => (outText += d))
    // Answer each question once it is shown, as a person would.
    const answers: [string, string][] = [
      ['Nailgun server URL', `${url}\r`],
      ['User [admin]: ', '\r'],
      ['Password: ', `${ADMIN_PASSWORD}\r`],
    ]
    err.on('data', (d) => {
      errText += d
      const next = answers[0]
      if (next && errText.includes(next[0])) {
        answers.shift()
        setImmediate(() => stdin.write(next[1]))
      }
    })
    const io: ClientIo = { out, err, stdin, env: { NAILGUN_CONFIG_DIR: dir }, pollMs: 10, exitCode: 0 }
    const code = await runClient(['login'], io)
    expect(errText).toContain('Nailgun server URL [http://127.0.0.1:8000]: ')
    expect(errText).not.toContain(ADMIN_PASSWORD)
    expect(code).toBe(0)
    expect(outText).toContain(`Logged in to ${url} as admin`)
    const saved = JSON.parse(await readFile(path.join(dir, 'credentials.json'), 'utf8'))
    expect(saved).toMatchObject({ url, user: 'admin' })
    expect(saved.token).toMatch(/\S{20,}/)
  })
})
