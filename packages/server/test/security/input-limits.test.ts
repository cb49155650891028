/**
 * Input limits, each answered 4xx with a message saying what is wrong and nothing changed: body
 * size (config.bodyLimit → 413), nesting depth (64 levels → 400), malformed JSON, wrong
 * Content-Type (415), an Accept the server cannot serve (415), wrong types and unknown enum values.
 */
import { createTestApp, databases, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../../src/http/json-depth.js'
import { snapshot } from './db-snapshot.js'

const BODY_LIMIT = 4096
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`

describe('the JSON depth scan', () => {
  it('counts arrays and objects, ignores brackets inside strings and escaped quotes', () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH))).toBe(false)
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1))).toBe(true)
    expect(jsonDepthExceeds(`[${'['.repeat(70)}`)).toBe(true)
    expect(jsonDepthExceeds(JSON.stringify({ s: '['.repeat(500), t: '\\"{{{{' }))).toBe(false)
  })
})

describe.each(databases())('input limits on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database, config: { bodyLimit: BODY_LIMIT } })
  })
  afterAll(() => t.close())

  async function refused(
    request: { method?: string; url?: string; payload?: string; headers?: Record<string, string> },
    status: number,
    message: RegExp,
  ) {
    const before = await snapshot(t.app.ctx.database)
    const res = await t.inject({
      method: (request.method ?? 'POST') as 'POST',
      url: request.url ?? '/api/v1/clusters',
      payload: request.payload,
      headers: { 'content-type': 'application/json', ...request.headers },
    })
    expect(res.statusCode, res.body).toBe(status)
    expect(JSON.parse(res.body).message).toMatch(message)
    expect(await snapshot(t.app.ctx.database)).toEqual(before)
  }

  it('answers 413 naming the limit to a body larger than config.bodyLimit', async () => {
    const name = 'x'.repeat(BODY_LIMIT)
    await refused({ payload: JSON.stringify({ name, release_id: 1 }) }, 413, /larger than 4096 bytes/)
  })

  it('answers 400 to JSON nested deeper than 64 levels, before parsing it', async () => {
    await refused({ payload: nested(MAX_JSON_DEPTH + 1) }, 400, /nested deeper than 64 levels/)
    await refused({ payload: `[${'['.repeat(2000)}` }, 400, /nested deeper than 64 levels/)
  })

  it('answers 400 to malformed JSON and to an empty body', async () => {
    await refused({ payload: '{"name": ' }, 400, /Invalid json/)
    await refused({ payload: '' }, 400, /Empty request/)
  })

  it('answers 415 to a body that is not JSON and to an Accept it cannot serve', async () => {
    await refused({ payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, /./)
    await refused({ payload: 'name', headers: { 'content-type': 'text/plain' } }, 415, /./)
    await refused({ method: 'GET', headers: { accept: 'text/html' } }, 415, /Cannot produce 'text\/html'/)
  })

  it('answers 400 naming the field to wrong types and unknown enum values', async () => {
    await refused({ payload: JSON.stringify({ name: 'e', release_id: '1' }) }, 400, /release_id/)
    await refused({ payload: JSON.stringify({ name: 'e', release_id: 1, mode: 'nonsense' }) }, 400, /mode/)
    await refused({ payload: JSON.stringify({ name: 42, release_id: 1 }) }, 400, /name/)
    await refused({ method: 'GET', url: '/api/v1/nodes?cluster_id=abc' }, 400, /cluster_id/)
    await refused({ method: 'GET', url: '/api/v1/transactions?limit=1e999' }, 400, /limit/)
    await refused({ method: 'PUT', url: '/api/v1/nodes/abc', payload: '{}' }, 400, /obj_id/)
  })

  it('still accepts a well-formed request at the depth limit', async () => {
    const res = await t.post('/api/v1/clusters', { name: 'within-limits', release_id: 1 })
    expect(res.status).toBe(201)
  })
})
