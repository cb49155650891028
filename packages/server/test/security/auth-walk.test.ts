/**
 * Walks the whole route table — core, keystone and extension routes, with volume_manager and a
 * fixture extension loaded — and proves every route but an explicit public allowlist answers 401
 * without a valid token and 403 to a reader's writes, changing nothing. A route added later
 * without the checks, or made public by accident, fails here.
 */
import path from 'node:path'
import { createTestApp, databases, login, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../src/auth/users.js'
import { fixture } from '../extensions/helpers.js'
import { snapshot } from './db-snapshot.js'
import { walkRoutes } from './route-walk.js'

const ADMIN_PASSWORD = 'admin-secret-1234'
const READER_PASSWORD = 'reader-secret-1234'
const AGENT_TOKEN = 'agent-shared-secret'
const VOLUME_MANAGER = path.resolve(import.meta.dirname, '../../../../extensions/volume-manager')

/** The only API routes reachable without X-Auth-Token (per prefix): agent, /version, /health, OpenAPI. */
const PUBLIC_API = [
  'GET /version',
  'HEAD /version',
  'POST /nodes',
  'PUT /nodes/agent',
  'GET /health',
  'HEAD /health',
  'GET /openapi.json',
  'HEAD /openapi.json',
]
/** Keystone's own entry points: logging in and the discovery documents. */
const PUBLIC_KEYSTONE = [
  'GET /keystone/v2.0',
  'HEAD /keystone/v2.0',
  'POST /keystone/v2.0/tokens',
  'GET /keystone/v3',
  'HEAD /keystone/v3',
  'POST /keystone/v3/auth/tokens',
]
const PASSWORD_CHANGE = JSON.stringify({ user: { password: 'new-secret-1234', original_password: READER_PASSWORD } })
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

describe.each(databases())('the route table behind authentication on %s', (database) => {
  let t: TestApp
  let readerToken: string
  beforeAll(async () => {
    t = await createTestApp({
      database,
      config: { auth: 'keystone', adminPassword: ADMIN_PASSWORD, agentToken: AGENT_TOKEN },
      extensions: [VOLUME_MANAGER, fixture('rest')],
    })
    await createUser(t.app.ctx.database.db, { name: 'reader', password: READER_PASSWORD, role: 'reader' })
    readerToken = await login(t, 'reader', READER_PASSWORD)
    delete t.headers['x-auth-token']
  })
  afterAll(() => t.close())

  /** Well-formed requests, so only the credentials can be what is refused. */
  const send = (method: string, url: string, headers: Record<string, string> = {}) =>
    t.inject({
      method: method as 'GET',
      url,
      headers: { 'content-type': 'application/json', 'x-subject-token': readerToken, ...headers },
      ...(WRITES.has(method) ? { payload: url.includes('OS-KSCRUD') ? PASSWORD_CHANGE : '{}' } : {}),
    })

  const routes = () => walkRoutes(t.app)
  // The browsable API description (@fastify/swagger-ui's own routes) is public on purpose.
  const api = () => routes().filter((r) => r.path.startsWith('/api') && !r.path.startsWith('/api/docs'))

  it('walks core and extension routes under both prefixes', () => {
    const all = routes()
    expect(all.length).toBeGreaterThan(150)
    const extensions = new Set(all.map((r) => r.extension))
    expect(extensions).toEqual(new Set([null, 'volume_manager', 'fx_rest', '(none)']))
  })

  it('has exactly the allowlisted public routes', () => {
    const pub = api()
      .filter((r) => r.public)
      .map((r) => `${r.method} ${r.pattern.replace(/^\/api(\/v1)?/, '')}`)
    expect(new Set(pub)).toEqual(new Set(PUBLIC_API))
  })

  it('answers 401 to every other route without a token and with a forged one, changing nothing', async () => {
    const before = await snapshot(t.app.ctx.database)
    const checked: string[] = []
    for (const route of [...api().filter((r) => !r.public), ...keystoneGuarded()]) {
      for (const headers of [{}, { 'x-auth-token': 'f'.repeat(43) }] as Record<string, string>[]) {
        const res = await send(route.method, route.path, headers)
        if (res.statusCode !== 401) checked.push(`${route.method} ${route.path} → ${res.statusCode}`)
      }
    }
    expect(checked).toEqual([])
    expect(await snapshot(t.app.ctx.database)).toEqual(before)
  })

  it('answers 403 to every write of a reader on the API, changing nothing, and lets its reads through', async () => {
    const before = await snapshot(t.app.ctx.database)
    const wrong: string[] = []
    // An authorized event stream never ends; its 401 is checked above.
    for (const route of api().filter((r) => !r.public && !r.eventStream)) {
      const res = await send(route.method, route.path, { 'x-auth-token': readerToken })
      const expected = WRITES.has(route.method) ? 403 : undefined
      if (expected ? res.statusCode !== expected : res.statusCode === 401 || res.statusCode === 403)
        wrong.push(`${route.method} ${route.path} → ${res.statusCode}`)
    }
    expect(wrong).toEqual([])
    expect(await snapshot(t.app.ctx.database)).toEqual(before)
  })

  it('locks the agent routes to X-Agent-Token when one is configured', async () => {
    const before = await snapshot(t.app.ctx.database)
    const agentRoutes = api().filter((r) => r.public && r.method !== 'GET' && r.method !== 'HEAD')
    expect(agentRoutes.length).toBe(4)
    for (const route of agentRoutes) {
      for (const headers of [{}, { 'x-agent-token': 'wrong' }, { 'x-auth-token': readerToken }] as Record<
        string,
        string
      >[]) {
        const res = await send(route.method, route.path, headers)
        expect(res.statusCode, `${route.method} ${route.path} ${JSON.stringify(headers)}`).toBe(401)
      }
    }
    expect(await snapshot(t.app.ctx.database)).toEqual(before)
    // With the shared token the agent gets past authentication (its empty report is refused later).
    const res = await send('POST', '/api/nodes', { 'x-agent-token': AGENT_TOKEN })
    expect(res.statusCode).not.toBe(401)
    expect(JSON.parse(res.body).message).not.toMatch(/token/i)
  })

  /** Keystone routes other than the public entry points need a token too. */
  function keystoneGuarded() {
    return routes().filter(
      (r) => r.path.startsWith('/keystone') && !PUBLIC_KEYSTONE.includes(`${r.method} ${r.pattern}`),
    )
  }
})
