import { databases, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_PASSWORD, addUser, keystoneApp, READER_PASSWORD, v3Password } from './helpers.js'

describe.each(databases())('Keystone v3 tokens on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await keystoneApp(database)
    await addUser(t, 'reader', READER_PASSWORD, 'reader')
  })
  afterAll(() => t.close())

  const issue = async (body: unknown) => {
    const res = await t.post('/keystone/v3/auth/tokens', body)
    return { ...res, token: res.headers['x-subject-token'] as string | undefined }
  }
  const tokens = (method: 'GET' | 'DELETE', caller: string, subject?: string) =>
    t.inject({
      method,
      url: '/keystone/v3/auth/tokens',
      headers: { 'x-auth-token': caller, ...(subject ? { 'x-subject-token': subject } : {}) },
    })

  it('issues a token with 201, the token in X-Subject-Token and AccessInfoV3 fields in the body', async () => {
    const res = await issue(v3Password('admin', ADMIN_PASSWORD))
    expect(res.status).toBe(201)
    expect(res.token).toMatch(/^[\w-]{43}$/)
    const { token } = res.body
    expect(token.methods).toEqual(['password'])
    expect(token.user).toMatchObject({ id: '1', name: 'admin', domain: { id: 'default', name: 'Default' } })
    expect(token.project).toMatchObject({ id: 'admin', name: 'admin', domain: { id: 'default' } })
    expect(token.roles).toEqual([{ id: 'admin', name: 'admin' }])
    expect(Date.parse(token.expires_at)).toBeGreaterThan(Date.parse(token.issued_at))
    expect(token.catalog.find((s: { type: string }) => s.type === 'fuel').endpoints).toHaveLength(3)
    expect(JSON.stringify(res.body)).not.toContain(res.token)
  })

  it('rejects a wrong password or another domain with 401', async () => {
    expect((await issue(v3Password('admin', 'wrong-password'))).status).toBe(401)
    const otherDomain = await issue(v3Password('admin', ADMIN_PASSWORD, { domain: { name: 'ldap' } }))
    expect(otherDomain.status).toBe(401)
    expect(otherDomain.token).toBeUndefined()
  })

  it('rescopes with the token method', async () => {
    const first = (await issue(v3Password('admin', ADMIN_PASSWORD))).token!
    const res = await issue({
      auth: { identity: { methods: ['token'], token: { id: first } }, scope: { project: { id: 'admin' } } },
    })
    expect(res.status).toBe(201)
    expect(res.body.token.methods).toEqual(['token'])
    expect(res.token).not.toBe(first)
  })

  it('validates a token (GET) for itself and for an administrator, not for another reader', async () => {
    const reader = (await issue(v3Password('reader', READER_PASSWORD))).token!
    const admin = (await issue(v3Password('admin', ADMIN_PASSWORD))).token!
    const self = await tokens('GET', reader, reader)
    expect(self.statusCode).toBe(200)
    expect(JSON.parse(self.body).token.user.name).toBe('reader')
    expect((await tokens('GET', admin, reader)).statusCode).toBe(200)
    expect((await tokens('GET', reader, admin)).statusCode).toBe(403)
    expect((await tokens('GET', admin, 'no-such-token')).statusCode).toBe(404)
    expect((await tokens('GET', 'no-such-token', admin)).statusCode).toBe(401)
    expect((await tokens('GET', admin)).statusCode).toBe(400)
  })

  it('revokes a token with DELETE (204); it is refused afterwards', async () => {
    const token = (await issue(v3Password('admin', ADMIN_PASSWORD))).token!
    const admin = (await issue(v3Password('admin', ADMIN_PASSWORD))).token!
    expect((await tokens('DELETE', admin, token)).statusCode).toBe(204)
    expect((await tokens('GET', admin, token)).statusCode).toBe(404)
    const api = await t.inject({ method: 'GET', url: '/api/v1/releases', headers: { 'x-auth-token': token } })
    expect(api.statusCode).toBe(401)
  })
})
