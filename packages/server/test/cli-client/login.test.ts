import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ADMIN_PASSWORD, keystone, type Served, serve } from './helpers.js'

const savedCredentials = async (s: Served) =>
  JSON.parse(await readFile(path.join(s.configDir, 'credentials.json'), 'utf8')) as { url: string; token: string }

describe('nailgun login / logout', () => {
  let s: Served
  afterEach(() => s.close())

  it('logs in with --password-stdin, writes the token file 0600, and later commands use it', async () => {
    s = await serve(keystone)
    const login = await s.run(['login', '--user', 'admin', '--password-stdin'], { input: `${ADMIN_PASSWORD}\n` })
    expect(login.err).toBe('')
    expect(login.code).toBe(0)
    expect(login.out).toContain(`Logged in to ${s.url} as admin`)
    const file = path.join(s.configDir, 'credentials.json')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    const list = await s.run(['env', 'list', '--json'])
    expect(list.code).toBe(0)
    expect(JSON.parse(list.out)).toEqual([])
  })

  it('logout revokes the token on the server and deletes the file; then commands exit 3 with the hint', async () => {
    s = await serve(keystone)
    await s.run(['login', '--password-stdin'], { input: ADMIN_PASSWORD })
    const saved = await savedCredentials(s)
    const logout = await s.run(['logout'])
    expect(logout.code).toBe(0)
    expect(logout.out).toContain(`Logged out of ${s.url}`)
    await expect(stat(path.join(s.configDir, 'credentials.json'))).rejects.toThrow()
    const revoked = await fetch(`${s.url}/api/v1/releases`, { headers: { 'x-auth-token': saved.token } })
    expect(revoked.status).toBe(401)
    const after = await s.run(['env', 'list'])
    expect(after.code).toBe(3)
    expect(after.err).toContain('Not logged in: run `nailgun login`')
    expect(after.out).toBe('')
  })

  it('refuses a wrong password with exit 3 and writes nothing', async () => {
    s = await serve(keystone)
    const login = await s.run(['login', '--password-stdin'], { input: 'wrong-password-1\n' })
    expect(login.code).toBe(3)
    expect(login.err).toContain('wrong user name or password')
    await expect(stat(path.join(s.configDir, 'credentials.json'))).rejects.toThrow()
  })

  it('exits 3 telling to log in again when the saved token is refused (401)', async () => {
    s = await serve(keystone)
    await s.run(['login', '--password-stdin'], { input: ADMIN_PASSWORD })
    const saved = await savedCredentials(s)
    await fetch(`${s.url}/keystone/v2.0/tokens/${saved.token}`, {
      method: 'DELETE',
      headers: { 'x-auth-token': saved.token },
    })
    const res = await s.run(['node', 'list'])
    expect(res.code).toBe(3)
    expect(res.err).toMatch(/run `nailgun login`/)
  })

  it('asks for no login on an --auth none server', async () => {
    s = await serve()
    expect((await s.run(['env', 'list', '--json'])).code).toBe(0)
    const login = await s.run(['login'])
    expect(login.code).toBe(0)
    expect(login.out).toContain('does not require a login')
  })

  it('without a terminal and without --password-stdin, login is a usage error (exit 2)', async () => {
    s = await serve(keystone)
    const login = await s.run(['login', '--user', 'admin'])
    expect(login.code).toBe(2)
    expect(login.err).toContain('--password-stdin')
  })
})
