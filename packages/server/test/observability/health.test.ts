/** `GET /api/v1/health`: database, broker and extensions; 200 when all are ok, else 503 with the same body. */
import { createTestApp, databases, type TestApp } from '@nailgun/testing'
import { afterEach, describe, expect, it } from 'vitest'
import type { OrchestratorTransport, TransportHealth } from '../../src/orchestrator/types.js'
import { fixture } from '../extensions/helpers.js'

/** A transport that accepts everything and reports the given health. */
function transportReporting(health: TransportHealth | (() => Promise<TransportHealth>)): OrchestratorTransport {
  return {
    kind: 'amqp',
    start: async () => {},
    cast: async () => {},
    close: async () => {},
    health: typeof health === 'function' ? health : async () => health,
  }
}

describe.each(databases())('health on %s', (database) => {
  let t: TestApp
  afterEach(() => t.close())

  it('answers 200 without a token when everything is up', async () => {
    t = await createTestApp({ database, config: { auth: 'keystone', adminPassword: 'admin-secret-1234' } })
    const res = await t.get('/api/v1/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      status: 'ok',
      database: { ok: true, duration_ms: expect.any(Number) },
      broker: { ok: true, kind: 'in-process', duration_ms: expect.any(Number), detail: expect.any(String) },
      extensions: { ok: true, loaded: 0, failed: 0, failed_names: [] },
    })
  })

  it('answers 503 with the same body when the broker is down', async () => {
    t = await createTestApp({
      database,
      orchestrator: transportReporting({ ok: false, detail: 'connection refused' }),
    })
    const res = await t.get('/api/v1/health')
    expect(res.status).toBe(503)
    expect(res.body).toMatchObject({
      status: 'down',
      database: { ok: true },
      broker: { ok: false, kind: 'amqp', detail: 'connection refused' },
      extensions: { ok: true },
    })
  })
})

describe('health of the extensions and the broker check itself', () => {
  let t: TestApp
  afterEach(() => t.close())

  it('answers 503 naming the extensions that failed to load', async () => {
    t = await createTestApp({
      config: { skipBrokenExtensions: true },
      extensions: [fixture('broken-import'), fixture('rest')],
    })
    const res = await t.get('/api/v1/health')
    expect(res.status).toBe(503)
    expect(res.body.extensions).toMatchObject({ ok: false, loaded: 1, failed: 1 })
    expect(res.body.extensions.failed_names).toHaveLength(1)
    expect(res.body.database.ok).toBe(true)
    expect(res.body.broker.ok).toBe(true)
  })

  it('treats a health check that throws as down', async () => {
    t = await createTestApp({
      orchestrator: transportReporting(async () => {
        throw new Error('channel closed')
      }),
    })
    const res = await t.get('/api/v1/health')
    expect(res.status).toBe(503)
    expect(res.body.broker).toEqual({ ok: false, kind: 'amqp', detail: 'channel closed' })
  })

  it('answers 503 when the database cannot be queried', async () => {
    t = await createTestApp()
    const { db } = t.app.ctx.database
    const spy = t.app.ctx.database as { db: unknown }
    spy.db = new Proxy(db, {
      get: (target, key) => {
        if (key === 'getExecutor') throw new Error('database is closed')
        return Reflect.get(target, key)
      },
    })
    try {
      const res = await t.get('/api/v1/health')
      expect(res.status).toBe(503)
      expect(res.body.database).toMatchObject({ ok: false, detail: 'database is closed' })
    } finally {
      spy.db = db
    }
  })
})
