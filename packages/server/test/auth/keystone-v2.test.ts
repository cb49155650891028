import { databases, login, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_PASSWORD, addUser, expireToken, keystoneApp, READER_PASSWORD, v2Password } from './helpers.js'

describe.each(databases())('Keystone v2.0 tokens on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await keystoneApp(database)
    await addUser(t, 'reader', READER_PASSWORD, 'reader')
  })
  afterAll(() => t.close())

  const issue = (body: unknown) => t.post('/keystone/v2.0/tokens', body)
  const releasesWith = (token: string) =>
    t.inject({ method: 'GET', url: '/api/v1/releases', headers: { 'x-auth-token': token } })

  it('issues a token for the right password and tenantName, in the shape keystoneauth1 reads', async () => {
    const res = await issue(v2Password('admin', ADMIN_PASSWORD))
    expect(res.status).toBe(200)
    const { token, user, serviceCatalog, metadata } = res.body.access
    expect(token.id).toMatch(/^[\w-]{43}$/)
    expect(token.tenant).toMatchObject({ id: 'admin', name: 'admin' })
    expect(Date.parse(token.expires) - Date.parse(token.issued_at)).toBe(3600 * 1000)
    expect(user).toMatchObject({ id: '1', name: 'admin', username: 'admin', roles: [{ name: 'admin' }] })
    expect(metadata).toEqual({ is_admin: 1, roles: ['admin'] })
    const fuel = serviceCatalog.find((s: { type: string }) => s.type === 'fuel')
    expect(fuel.endpoints[0].publicURL).toMatch(/^http:\/\/[^/]+\/api$/)
    expect(serviceCatalog.map((s: { type: string }) => s.type)).toEqual(['fuel', 'ostf', 'identity'])
    expect(JSON.stringify(res.body)).not.toContain(ADMIN_PASSWORD)
    expect((await releasesWith(token.id)).statusCode).toBe(200)
  })

  it('issues a token for tenantId, and for a request without a tenant (the only tenant)', async () => {
    const byId = await issue(v2Password('admin', ADMIN_PASSWORD, { tenantId: 'admin' }))
    expect(byId.status).toBe(200)
    expect(byId.body.access.token.tenant.name).toBe('admin')
    const unscoped = await issue(v2Password('admin', ADMIN_PASSWORD, {}))
    expect(unscoped.body.access.token.tenant.id).toBe('admin')
  })

  it('gives each login its own token', async () => {
    const a = await issue(v2Password('admin', ADMIN_PASSWORD))
    const b = await issue(v2Password('admin', ADMIN_PASSWORD))
    expect(a.body.access.token.id).not.toBe(b.body.access.token.id)
  })

  it('rejects a wrong password, an unknown user and an unknown tenant with 401 and the Nailgun error body', async () => {
    const wrong = await issue(v2Password('admin', 'not-the-password'))
    expect(wrong.status).toBe(401)
    expect(wrong.body).toEqual({ message: 'Invalid user / password', errors: [] })
    const unknown = await issue(v2Password('nobody', ADMIN_PASSWORD))
    expect(unknown.status).toBe(401)
    expect(unknown.body).toEqual(wrong.body)
    const tenant = await issue(v2Password('admin', ADMIN_PASSWORD, { tenantName: 'services' }))
    expect(tenant.status).toBe(401)
  })

  it('rejects a malformed request with 400', async () => {
    expect((await issue({ auth: {} })).status).toBe(400)
    expect((await issue({ nope: 1 })).status).toBe(400)
    expect((await issue({ auth: { passwordCredentials: { username: 'admin' } } })).status).toBe(400)
  })

  it('rescopes a token into a new one that expires with the original', async () => {
    const first = (await issue(v2Password('admin', ADMIN_PASSWORD))).body.access.token
    const res = await issue({ auth: { token: { id: first.id }, tenantName: 'admin' } })
    expect(res.status).toBe(200)
    expect(res.body.access.token.id).not.toBe(first.id)
    expect(res.body.access.token.expires).toBe(first.expires)
    expect(res.body.access.user.name).toBe('admin')
    expect((await issue({ auth: { token: { id: 'bogus' }, tenantName: 'admin' } })).status).toBe(401)
  })

  it('refuses an expired token with 401, on the API and for rescoping', async () => {
    const token = (await issue(v2Password('admin', ADMIN_PASSWORD))).body.access.token.id
    await expireToken(t, token)
    const res = await releasesWith(token)
    expect(res.statusCode).toBe(401)
    expect(JSON.parse(res.body)).toEqual({ message: 'Authentication required', errors: [] })
    expect((await issue({ auth: { token: { id: token } } })).status).toBe(401)
  })

  it('validates a token for an administrator (GET /tokens/<id>)', async () => {
    const reader = (await issue(v2Password('reader', READER_PASSWORD))).body.access.token.id
    const admin = await login(t, 'admin', ADMIN_PASSWORD)
    const res = await t.get(`/keystone/v2.0/tokens/${reader}`)
    expect(res.status).toBe(200)
    expect(res.body.access.user).toMatchObject({ name: 'reader', roles: [{ name: 'reader' }] })
    expect(res.body.access.metadata.is_admin).toBe(0)
    expect((await t.get('/keystone/v2.0/tokens/unknown-token')).status).toBe(404)
    expect(admin).toBe(t.headers['x-auth-token'])
  })

  it('revokes a token: DELETE answers 204 and the token is refused afterwards', async () => {
    const victim = (await issue(v2Password('reader', READER_PASSWORD))).body.access.token.id
    await login(t, 'admin', ADMIN_PASSWORD)
    expect((await t.delete(`/keystone/v2.0/tokens/${victim}`)).status).toBe(204)
    expect((await releasesWith(victim)).statusCode).toBe(401)
    expect((await t.delete(`/keystone/v2.0/tokens/${victim}`)).status).toBe(404)
  })

  it('lets a reader revoke its own token (logout) but not anybody else’s', async () => {
    const other = (await issue(v2Password('admin', ADMIN_PASSWORD))).body.access.token.id
    const own = await login(t, 'reader', READER_PASSWORD)
    const forbidden = await t.delete(`/keystone/v2.0/tokens/${other}`)
    expect(forbidden.status).toBe(403)
    expect(forbidden.body.message).toBe('You do not have the administrator rights')
    expect((await releasesWith(other)).statusCode).toBe(200)
    expect((await t.delete(`/keystone/v2.0/tokens/${own}`)).status).toBe(204)
    expect((await releasesWith(own)).statusCode).toBe(401)
  })

  it('needs a valid X-Auth-Token to validate or revoke', async () => {
    const token = (await issue(v2Password('admin', ADMIN_PASSWORD))).body.access.token.id
    const res = await t.inject({
      method: 'DELETE',
      url: `/keystone/v2.0/tokens/${token}`,
      headers: { 'x-auth-token': '' },
    })
    expect(res.statusCode).toBe(401)
  })

  it('lets a user change its own password (OS-KSCRUD): old tokens and the old password stop working', async () => {
    await addUser(t, 'changer', 'changer-password-1', 'reader')
    const login1 = (await issue(v2Password('changer', 'changer-password-1'))).body.access
    const url = `/keystone/v2.0/OS-KSCRUD/users/${login1.user.id}`
    const change = (token: string, original: string, password: string, target = url) =>
      t.inject({
        method: 'PATCH',
        url: target,
        headers: { 'x-auth-token': token },
        payload: { user: { original_password: original, password } },
      })
    expect((await change(login1.token.id, 'not-my-password', 'changer-password-2')).statusCode).toBe(401)
    expect((await change(login1.token.id, 'changer-password-1', 'short')).statusCode).toBe(400)
    expect(
      (await change(login1.token.id, 'changer-password-1', 'x-password-3', '/keystone/v2.0/OS-KSCRUD/users/1'))
        .statusCode,
    ).toBe(403)
    const ok = await change(login1.token.id, 'changer-password-1', 'changer-password-2')
    expect(ok.statusCode).toBe(200)
    const fresh = JSON.parse(ok.body).access.token.id
    expect((await releasesWith(fresh)).statusCode).toBe(200)
    expect((await releasesWith(login1.token.id)).statusCode).toBe(401)
    expect((await issue(v2Password('changer', 'changer-password-1'))).status).toBe(401)
    expect((await issue(v2Password('changer', 'changer-password-2'))).status).toBe(200)
  })

  it('describes itself at /keystone/v2.0', async () => {
    const res = await t.get('/keystone/v2.0/')
    expect(res.body.version.id).toBe('v2.0')
  })
})
