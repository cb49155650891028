import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { postJson, type RunningServer, serveArgs, startServer } from './run-cli.js'

const login = (baseUrl: string, password: string) =>
  postJson(`${baseUrl}/keystone/v2.0/tokens`, {
    auth: { passwordCredentials: { username: 'admin', password }, tenantName: 'admin' },
  })

describe('nailgun serve', { timeout: 120_000 }, () => {
  let dir: string
  const running: RunningServer[] = []
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ng-serve-'))
  })
  afterEach(async () => {
    for (const server of running.splice(0)) await server.stop()
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  async function start(env: Record<string, string>, command = serveArgs()): Promise<RunningServer> {
    const server = await startServer(command[0], command[1], env)
    running.push(server)
    return server
  }

  it('serves /api/v1/version, takes NAILGUN_ADMIN_PASSWORD, logs JSON and never the password or token', async () => {
    const password = 'env-admin-password-42'
    const server = await start({
      NAILGUN_DATA_DIR: path.join(dir, 'env'),
      NAILGUN_ADMIN_PASSWORD: password,
      NAILGUN_LOG_LEVEL: 'trace',
    })
    const version = await fetch(`${server.baseUrl}/api/v1/version`)
    expect(version.status).toBe(200)
    expect(((await version.json()) as { auth_required: boolean }).auth_required).toBe(true)
    expect((await login(server.baseUrl, 'wrong-password-1')).status).toBe(401)
    const ok = await login(server.baseUrl, password)
    expect(ok.status).toBe(200)
    const token = ok.body.access.token.id as string
    const releases = await fetch(`${server.baseUrl}/api/v1/releases`, { headers: { 'x-auth-token': token } })
    expect(releases.status).toBe(200)
    const logout = await fetch(`${server.baseUrl}/keystone/v2.0/tokens/${token}`, {
      method: 'DELETE',
      headers: { 'x-auth-token': token },
    })
    expect(logout.status).toBe(204)
    expect(await server.stop()).toBe(0)
    const output = server.output()
    expect(output).toMatch(/"msg":"incoming request"/)
    expect(output).toContain('/keystone/v2.0/tokens/<redacted>')
    expect(output).toMatch(/"msg":"Stopped"/)
    expect(output).not.toContain(password)
    expect(output).not.toContain('wrong-password-1')
    expect(output).not.toContain(token)
    for (const line of output.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow()
  })

  it('prints a generated admin password once, on the first start only, outside the JSON log', async () => {
    const env = { NAILGUN_DATA_DIR: path.join(dir, 'generated') }
    const first = await start(env)
    const banner = /password: (\S+)/.exec(first.output())
    expect(banner).not.toBeNull()
    const password = banner![1]!
    expect(first.output().split(password)).toHaveLength(2)
    expect((await login(first.baseUrl, password)).status).toBe(200)
    await first.stop()
    const second = await start(env)
    expect(second.output()).not.toMatch(/password:/)
    expect((await login(second.baseUrl, password)).status).toBe(200)
  })

  it('starts through `npm start` with the settings from the environment', async () => {
    const server = await start({ NAILGUN_DATA_DIR: path.join(dir, 'npm'), NAILGUN_AUTH: 'none' }, [
      'npm',
      ['start', '--silent'],
    ])
    const version = await fetch(`${server.baseUrl}/api/v1/version`)
    expect(((await version.json()) as { auth_required: boolean }).auth_required).toBe(false)
    expect((await fetch(`${server.baseUrl}/api/v1/releases`)).status).toBe(200)
  })
})
