/**
 * The API description: an OpenAPI 3 document of /api/v1 built from the route schemas, extension
 * routes included, and the browsable page, both public.
 */
import path from 'node:path'
import { createTestApp, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uriToPath } from '../../src/http/openapi-extensions.js'

const VOLUME_MANAGER = path.resolve(import.meta.dirname, '../../../../extensions/volume-manager')
const ADMIN_PASSWORD = 'admin-secret-1234'

describe('the OpenAPI document', () => {
  let t: TestApp
  // biome-ignore lint/suspicious/noExplicitAny: the document is read loosely
  let doc: any
  beforeAll(async () => {
    t = await createTestApp({
      config: { auth: 'keystone', adminPassword: ADMIN_PASSWORD },
      extensions: [VOLUME_MANAGER],
    })
    const res = await t.get('/api/v1/openapi.json')
    expect(res.status).toBe(200)
    doc = res.body
  })
  afterAll(() => t.close())

  it('is an OpenAPI 3 document served without a token', () => {
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc.info).toMatchObject({ title: 'Nailgun API' })
    expect(typeof doc.info.version).toBe('string')
    for (const [url, operations] of Object.entries(doc.paths as Record<string, object>)) {
      expect(url).toMatch(/^\/api\/v1\//)
      expect(url).not.toMatch(/[:*(]/)
      for (const method of Object.keys(operations)) expect(['get', 'post', 'put', 'patch', 'delete']).toContain(method)
    }
  })

  it('documents /api/v1 only, without the /api duplicates, keystone or the docs themselves', () => {
    const urls = Object.keys(doc.paths)
    expect(urls.some((u) => !u.startsWith('/api/v1/'))).toBe(false)
    expect(urls).not.toContain('/api/v1/openapi.json')
  })

  it('describes the core resources with the request schemas that validate them', () => {
    expect(doc.paths['/api/v1/clusters']).toHaveProperty('get')
    const create = doc.paths['/api/v1/clusters'].post
    const body = create.requestBody.content['application/json'].schema
    expect(body.required).toContain('name')
    expect(body.properties.name).toMatchObject({ type: 'string', minLength: 1 })
    expect(doc.paths['/api/v1/nodes']).toHaveProperty('get')
    expect(doc.paths['/api/v1/nodes/{obj_id}']).toHaveProperty('put')
    expect(doc.paths['/api/v1/clusters/{obj_id}'].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'path', name: 'obj_id', required: true })]),
    )
    expect(doc.paths['/api/v1/clusters'].get.tags).toEqual(['clusters'])
  })

  it('declares the X-Auth-Token scheme globally and marks the public routes', () => {
    expect(doc.components.securitySchemes.authToken).toEqual({ type: 'apiKey', in: 'header', name: 'X-Auth-Token' })
    expect(doc.security).toEqual([{ authToken: [] }])
    expect(doc.paths['/api/v1/version'].get.security).toEqual([])
    expect(doc.paths['/api/v1/nodes'].post.security).toEqual([])
    expect(doc.paths['/api/v1/health'].get.security).toEqual([])
    expect(doc.paths['/api/v1/clusters'].post.security).toBeUndefined()
  })

  it('describes the error body {message, errors} as every operation’s default answer', () => {
    expect(doc.components.schemas.ErrorBody).toMatchObject({
      required: ['message', 'errors'],
      properties: { message: { type: 'string' }, errors: { type: 'array' } },
    })
    const ref = { $ref: '#/components/schemas/ErrorBody' }
    expect(doc.paths['/api/v1/clusters'].post.responses.default.content['application/json'].schema).toEqual(ref)
    expect(doc.paths['/api/v1/nodes/{node_id}/disks'].get.responses.default.content['application/json'].schema).toEqual(
      ref,
    )
  })

  it('adds the extension routes with their named groups as parameters, tagged by extension', () => {
    const disks = doc.paths['/api/v1/nodes/{node_id}/disks']
    expect(Object.keys(disks).sort()).toEqual(['get', 'put'])
    expect(disks.get.tags).toEqual(['volume_manager'])
    expect(disks.put.parameters).toEqual([{ name: 'node_id', in: 'path', required: true, schema: { type: 'string' } }])
    expect(Object.keys(doc.paths['/api/v1/nodes/{node_id}/disks/defaults'])).toEqual(['get'])
    expect(doc.paths['/api/v1/nodes/{node_id}/volumes']).toHaveProperty('get')
  })

  it('serves the browsable page at /api/docs without a token', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/docs' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(res.body).toMatch(/swagger/i)
    const json = await t.inject({ method: 'GET', url: '/api/docs/json' })
    expect(json.statusCode).toBe(200)
  })
})

describe('the OpenAPI document without extensions', () => {
  it('has no extension paths', async () => {
    const t = await createTestApp()
    try {
      const doc = (await t.get('/api/v1/openapi.json')).body
      expect(doc.paths['/api/v1/nodes/{node_id}/disks']).toBeUndefined()
      expect(doc.paths['/api/v1/nodes']).toBeDefined()
    } finally {
      await t.close()
    }
  })
})

describe('uriToPath', () => {
  it.each([
    [String.raw`/nodes/(?<node_id>\d+)/disks/?$`, '/nodes/{node_id}/disks', ['node_id']],
    [
      String.raw`^/clusters/(?<cluster_id>\d+)/x/(?<name>[a-z](?:_[a-z])*)/?`,
      '/clusters/{cluster_id}/x/{name}',
      ['cluster_id', 'name'],
    ],
    [String.raw`/fx\.notes/?`, '/fx.notes', []],
    ['/', '/', []],
  ])('turns %s into %s', (uri, path, params) => {
    expect(uriToPath(uri)).toEqual({ path, params })
  })
})
