import { createTestApp, databases, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

describe.each(databases())('releases and version on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database })
  })
  afterAll(() => t.close())

  it('seeds the default releases with roles metadata', async () => {
    const res = await t.get('/api/v1/releases')
    expect(res.status).toBe(200)
    expect(res.body.map((r: { version: string }) => r.version)).toEqual(['mitaka-9.0', 'newton-10.0', 'liberty-8.0'])
    expect(res.body[0].roles).toEqual(expect.arrayContaining(['controller', 'compute', 'cinder', 'ceph-osd']))
    expect(res.body[0].is_deployable).toBe(true)
    expect(res.headers['content-range']).toBe('objects 1-3/3')
  })

  it('serves the same resource under /api and /api/v1, with or without a trailing slash', async () => {
    const a = await t.get('/api/releases/1/')
    const b = await t.get('/api/v1/releases/1')
    expect(a.status).toBe(200)
    expect(a.body).toEqual(b.body)
  })

  it('answers 404 with the Nailgun error body for an unknown release', async () => {
    const res = await t.get('/api/v1/releases/999')
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ message: 'Release not found', errors: [] })
  })

  it('rejects a non-numeric id with 400', async () => {
    const res = await t.get('/api/v1/releases/abc')
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/obj_id/)
  })

  it('paginates with limit, offset and Content-Range', async () => {
    const res = await t.get('/api/v1/releases?limit=1&offset=1')
    expect(res.body).toHaveLength(1)
    expect(res.headers['content-range']).toBe('objects 2-2/3')
    expect((await t.get('/api/v1/releases?offset=10')).status).toBe(416)
  })

  it('reports auth_required in /version', async () => {
    const res = await t.get('/api/v1/version')
    expect(res.status).toBe(200)
    expect(res.body.auth_required).toBe(false)
  })

  it('answers YAML when asked and 415 for an Accept it cannot serve', async () => {
    const yaml = await t.inject({ method: 'GET', url: '/api/v1/version', headers: { accept: 'application/x-yaml' } })
    expect(yaml.headers['content-type']).toMatch(/yaml/)
    expect(yaml.body).toMatch(/auth_required: false/)
    const bad = await t.inject({ method: 'GET', url: '/api/v1/version', headers: { accept: 'text/html' } })
    expect(bad.statusCode).toBe(415)
    expect(JSON.parse(bad.body).message).toMatch(/Cannot produce/)
  })
})

describe('request bodies', () => {
  it('treats an empty JSON DELETE body as no body (python-requests sends one)', async () => {
    const t = await createTestApp()
    try {
      const res = await t.inject({
        method: 'DELETE',
        url: '/api/v1/tasks/999',
        headers: { 'content-type': 'application/json', 'content-length': '0' },
      })
      expect(res.statusCode).toBe(404)
      const empty = await t.inject({
        method: 'PUT',
        url: '/api/v1/nodes',
        headers: { 'content-type': 'application/json' },
        payload: '',
      })
      expect(empty.statusCode).toBe(400)
      expect(JSON.parse(empty.body).message).toBe('Empty request received')
    } finally {
      await t.close()
    }
  })
})
