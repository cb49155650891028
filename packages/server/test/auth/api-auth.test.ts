import { createTestApp, createTestDatabase, databases, login, logout, type TestApp } from '@nailgun/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupAuth } from '../../src/auth/setup-auth.js'
import { createUser } from '../../src/auth/users.js'
import { loadConfig } from '../../src/config.js'
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js'
import { migrateCore } from '../../src/db/migrate.js'
import { mountApi } from '../../src/http/api-routes.js'
import { createHttpServer } from '../../src/http/http-server.js'
import { ADMIN_PASSWORD, addUser, keystoneApp, READER_PASSWORD } from './helpers.js'

describe.each(databases())('X-Auth-Token on the API (%s)', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await keystoneApp(database)
    await addUser(t, 'reader', READER_PASSWORD, 'reader')
  })
  afterAll(() => t.close())

  it('answers 401 with the Nailgun error body without a token or with a bad one', async () => {
    logout(t)
    const missing = await t.get('/api/v1/releases')
    expect(missing.status).toBe(401)
    expect(missing.body).toEqual({ message: 'Authentication required', errors: [] })
    const bad = await t.inject({ method: 'GET', url: '/api/releases', headers: { 'x-auth-token': 'x'.repeat(43) } })
    expect(bad.statusCode).toBe(401)
    expect(JSON.parse(bad.body).message).toBe('Authentication required')
  })

  it('serves public routes such as /version without a token', async () => {
    logout(t)
    const res = await t.get('/api/v1/version')
    expect(res.status).toBe(200)
    expect(res.body.auth_required).toBe(true)
  })

  it('lets a reader GET but answers 403 to its writes on a core route', async () => {
    await login(t, 'reader', READER_PASSWORD)
    expect((await t.get('/api/v1/releases')).status).toBe(200)
    expect((await t.get('/api/releases/1')).status).toBe(200)
    const write = await t.put('/api/v1/nodes/1', { pending_addition: true })
    expect(write.status).toBe(403)
    expect(write.body).toEqual({ message: 'You do not have the administrator rights', errors: [] })
  })

  it('checks the token before the role: a write without a token is 401', async () => {
    logout(t)
    expect((await t.put('/api/v1/nodes/1', { pending_addition: true })).status).toBe(401)
  })
})

/**
 * The core routes that write are still being built, so RBAC is checked on a probe route mounted
 * with the real mountApi() and the real Keystone service.
 */
describe.each(databases())('read-only role on writes (%s)', (kind) => {
  let http: FastifyInstance
  let handle: DatabaseHandle
  let drop: () => Promise<void>
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    const db = await createTestDatabase(kind)
    drop = db.drop
    const config = {
      ...loadConfig({}, {}),
      databaseUrl: db.url,
      logLevel: 'silent' as const,
      adminPassword: ADMIN_PASSWORD,
    }
    handle = openDatabase(config.databaseUrl, config.dataDir)
    await migrateCore(handle.db as never, handle.dialect)
    http = createHttpServer(config)
    const auth = await setupAuth(http, handle, config)
    mountApi(http, auth, [
      (api) => {
        for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
          api.route({ method, url: '/probe', handler: async (request) => ({ method, user: request.user?.name }) })
        }
      },
    ])
    await http.ready()
    await createUser(handle.db, { name: 'reader', password: READER_PASSWORD, role: 'reader' })
    for (const [user, password] of [
      ['admin', ADMIN_PASSWORD],
      ['reader', READER_PASSWORD],
    ]) {
      const res = await http.inject({
        method: 'POST',
        url: '/keystone/v2.0/tokens',
        payload: { auth: { passwordCredentials: { username: user, password }, tenantName: 'admin' } },
      })
      tokens[user!] = JSON.parse(res.body).access.token.id
    }
  })
  afterAll(async () => {
    await http.close()
    await handle.close()
    await drop()
  })

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', user: string) =>
    http.inject({ method, url: '/api/v1/probe', headers: { 'x-auth-token': tokens[user]! } })

  it('gives a reader 200 on GET and 403 on POST, PUT, PATCH and DELETE', async () => {
    const get = await call('GET', 'reader')
    expect(get.statusCode).toBe(200)
    expect(JSON.parse(get.body).user).toBe('reader')
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await call(method, 'reader')
      expect(res.statusCode).toBe(403)
      expect(JSON.parse(res.body)).toEqual({ message: 'You do not have the administrator rights', errors: [] })
    }
  })

  it('lets an administrator write', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      expect((await call(method, 'admin')).statusCode).toBe(200)
    }
  })
})

describe('--auth none', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ config: { auth: 'none' } })
  })
  afterAll(() => t.close())

  it('serves everything without a token and mounts no /keystone endpoints', async () => {
    expect((await t.get('/api/v1/releases')).status).toBe(200)
    expect((await t.get('/api/v1/version')).body.auth_required).toBe(false)
    expect((await t.post('/keystone/v2.0/tokens', { auth: {} })).status).toBe(404)
  })
})
