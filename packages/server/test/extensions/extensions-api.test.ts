/**
 * `GET /extensions` and `/clusters/<id>/extensions`, with the cases of Nailgun's own tests
 * (test_extension_handler.py, test_cluster_handler.py:TestClusterExtension) plus order keeping.
 */
import { BaseExtension } from '@nailgun/extensions'
import { createTestApp, databases, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API, createCluster } from './helpers.js'

function extension(name: string, version: string, description: string, provides: string[]): BaseExtension {
  class Listed extends BaseExtension {
    readonly name = name
    readonly version = version
    readonly description = description
  }
  return Object.assign(new Listed(), { provides })
}

describe.each(databases())('extension endpoints on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({
      database,
      extensions: [
        extension('ex2', '1.0.2', 'descr #2', ['method_call_2']),
        extension('ex1', '1.0.1', 'descr #1', ['method_call_1']),
        extension('ex3', '0.0.1', 'descr #3', []),
      ],
    })
  })
  afterAll(() => t.close())

  const url = (id: number) => `${API}/clusters/${id}/extensions`

  it('lists installed extensions in their order with name, version, description, provides and status', async () => {
    const res = await t.get(`${API}/extensions`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual([
      { name: 'ex1', version: '1.0.1', description: 'descr #1', provides: ['method_call_1'], status: 'loaded' },
      { name: 'ex2', version: '1.0.2', description: 'descr #2', provides: ['method_call_2'], status: 'loaded' },
      { name: 'ex3', version: '0.0.1', description: 'descr #3', provides: [], status: 'loaded' },
    ])
    expect((await t.get('/api/extensions/')).body).toEqual(res.body)
  })

  it('gets the enabled extensions of an environment, 404 for an unknown one', async () => {
    const env = await createCluster(t, ['ex2', 'ex1'])
    expect((await t.get(url(env.id))).body).toEqual(['ex2', 'ex1'])
    const missing = await t.get(url(999_999))
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({ message: 'Cluster not found', errors: [] })
  })

  it('enables extensions keeping the order: existing first, then the new ones as given, without duplicates', async () => {
    const env = await createCluster(t, ['ex2'])
    const res = await t.put(url(env.id), ['ex3', 'ex2', 'ex1', 'ex3'])
    expect(res.status).toBe(200)
    expect(res.body).toEqual(['ex2', 'ex3', 'ex1'])
    expect((await t.get(url(env.id))).body).toEqual(['ex2', 'ex3', 'ex1'])
  })

  it('refuses unknown extensions with 400 naming only them, sorted, and changes nothing', async () => {
    const env = await createCluster(t, ['ex1'])
    const res = await t.put(url(env.id), ['ex2', 'zeta', 'baleron'])
    expect(res.status).toBe(400)
    expect(res.body.message).toBe('No such extensions: baleron, zeta')
    expect((await t.get(url(env.id))).body).toEqual(['ex1'])
  })

  it('refuses a body that is not a list of names, an empty body and malformed JSON with 400', async () => {
    const env = await createCluster(t)
    expect((await t.put(url(env.id), 'ex1')).status).toBe(400)
    expect((await t.put(url(env.id), { ex1: true })).status).toBe(400)
    expect((await t.put(url(env.id), [1])).status).toBe(400)
    const headers = { 'content-type': 'application/json' }
    const empty = await t.inject({ method: 'PUT', url: url(env.id), headers, payload: '' })
    expect(JSON.parse(empty.body)).toEqual({ message: 'Empty request received', errors: [] })
    const bad = await t.inject({ method: 'PUT', url: url(env.id), headers, payload: '[ex1' })
    expect(JSON.parse(bad.body)).toEqual({ message: 'Invalid json received', errors: [] })
  })

  it('disables extensions with 204, duplicates in the query being fine', async () => {
    const env = await createCluster(t, ['ex1', 'ex2', 'ex3'])
    const res = await t.delete(`${url(env.id)}?extension_names=ex1, ex3,ex1`)
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expect((await t.get(url(env.id))).body).toEqual(['ex2'])
  })

  it('refuses to disable extensions that are not enabled, naming only those, and changes nothing', async () => {
    const env = await createCluster(t, ['ex1', 'ex2'])
    const res = await t.delete(`${url(env.id)}?extension_names=ex1,ex3,bareon`)
    expect(res.status).toBe(400)
    expect(res.body.message).toBe('No such extensions to disable: bareon, ex3')
    expect((await t.get(url(env.id))).body).toEqual(['ex1', 'ex2'])
    expect((await t.delete(url(999_999))).status).toBe(404)
  })
})
