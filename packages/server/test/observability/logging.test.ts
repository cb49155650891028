/** Request ids on every answer, and the extension logger's lines naming their extension. */
import { Writable } from 'node:stream'
import { createTestApp, type TestApp } from '@nailgun/testing'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extensionLogger } from '../../src/extensions/logger.js'

describe('request ids', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ config: { auth: 'keystone', adminPassword: 'admin-secret-1234' } })
  })
  afterAll(() => t.close())

  it('answers every request with a generated X-Request-Id', async () => {
    const first = await t.get('/api/v1/version')
    const second = await t.get('/api/v1/version')
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id'])
  })

  it('echoes the caller’s X-Request-Id, on errors and unknown routes too', async () => {
    for (const url of ['/api/v1/version', '/api/v1/clusters', '/api/v1/no/such/route', '/metrics']) {
      const res = await t.inject({ method: 'GET', url, headers: { 'x-request-id': 'trace-42' } })
      expect(res.headers['x-request-id'], url).toBe('trace-42')
    }
  })
})

describe('structured logs', () => {
  it('writes JSON lines whose extension logger lines carry the extension’s name and the caller’s data', async () => {
    const lines: Record<string, unknown>[] = []
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line))
        done()
      },
    })
    const app = Fastify({ logger: { level: 'info', stream } })
    try {
      extensionLogger(app.log, 'volume_manager').warn('disk too small', { node: 7 })
      expect(lines).toEqual([
        expect.objectContaining({ level: 40, extension: 'volume_manager', node: 7, msg: 'disk too small' }),
      ])
    } finally {
      await app.close()
    }
  })
})
