import { createTestApp, databases, registerNode, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API, createCluster } from './helpers.js'

describe.each(databases())('node listing and reading on %s', (database) => {
  let t: TestApp
  let clusterId: number
  const ids: number[] = []

  beforeAll(async () => {
    t = await createTestApp({ database })
    clusterId = (await createCluster(t)).id
    // Five nodes named e, d, c, b, a (registration order); the last two go into the environment.
    for (const name of ['node-e', 'node-d', 'node-c', 'node-b', 'node-a']) {
      ids.push((await registerNode(t, { name })).id)
    }
    const assign = ids.slice(3).map((id) => ({ id, roles: ['compute'] }))
    expect((await t.post(`${API}/clusters/${clusterId}/assignment`, assign)).status).toBe(200)
  })
  afterAll(() => t.close())

  const idsOf = (body: { id: number }[]) => body.map((n) => n.id)

  it('lists every node by id with a Content-Range header', async () => {
    const res = await t.get(`${API}/nodes`)
    expect(res.status).toBe(200)
    expect(idsOf(res.body)).toEqual(ids)
    expect(res.headers['content-range']).toBe('objects 1-5/5')
  })

  it('filters by environment, and an empty or null cluster_id means unassigned', async () => {
    expect(idsOf((await t.get(`${API}/nodes?cluster_id=${clusterId}`)).body)).toEqual(ids.slice(3))
    expect(idsOf((await t.get(`${API}/nodes?cluster_id=`)).body)).toEqual(ids.slice(0, 3))
    expect(idsOf((await t.get(`${API}/nodes?cluster_id=null`)).body)).toEqual(ids.slice(0, 3))
    expect((await t.get(`${API}/nodes?cluster_id=999`)).body).toEqual([])
  })

  it('rejects a cluster_id that is neither a number nor empty with 400', async () => {
    const res = await t.get(`${API}/nodes?cluster_id=abc`)
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/cluster_id/)
  })

  it('pages with limit and offset in the database and reports the range', async () => {
    const res = await t.get(`${API}/nodes?limit=2&offset=1`)
    expect(idsOf(res.body)).toEqual(ids.slice(1, 3))
    expect(res.headers['content-range']).toBe('objects 2-3/5')
    const tail = await t.get(`${API}/nodes?offset=3`)
    expect(idsOf(tail.body)).toEqual(ids.slice(3))
    expect(tail.headers['content-range']).toBe('objects 4-5/5')
    const filtered = await t.get(`${API}/nodes?cluster_id=&limit=1`)
    expect(filtered.headers['content-range']).toBe('objects 1-1/3')
  })

  it('orders by name, descending id and status', async () => {
    const byName = await t.get(`${API}/nodes?order_by=name`)
    expect(byName.body.map((n: { name: string }) => n.name)).toEqual(['node-a', 'node-b', 'node-c', 'node-d', 'node-e'])
    expect(idsOf((await t.get(`${API}/nodes?order_by=-id&limit=2`)).body)).toEqual([ids[4], ids[3]])
    expect((await t.get(`${API}/nodes?order_by=-pending_addition,id`)).body[0].pending_addition).toBe(true)
  })

  it('answers 400 to bad paging values and 416 past the end', async () => {
    expect((await t.get(`${API}/nodes?order_by=password`)).status).toBe(400)
    expect((await t.get(`${API}/nodes?limit=-1`)).status).toBe(400)
    expect((await t.get(`${API}/nodes?limit=x`)).status).toBe(400)
    expect((await t.get(`${API}/nodes?offset=5`)).status).toBe(416)
  })

  it('serves one node and answers 404 for an unknown one', async () => {
    const res = await t.get(`${API}/nodes/${ids[3]}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: ids[3], cluster: clusterId, pending_roles: ['compute'] })
    const missing = await t.get(`${API}/nodes/999999`)
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({ message: 'Node not found', errors: [] })
    expect((await t.get(`${API}/nodes/abc`)).status).toBe(400)
  })

  it('counts total and unallocated nodes', async () => {
    const res = await t.get(`${API}/nodes/allocation/stats`)
    expect(res.body).toEqual({ total: 5, unallocated: 3 })
  })

  it('shows a node half-way through a deployment in its transitional status', async () => {
    const id = ids[4] as number
    expect((await t.put(`${API}/nodes/${id}`, { progress: 40 })).body.status).toBe('provisioning')
    expect((await t.put(`${API}/nodes/${id}`, { progress: 0 })).body.status).toBe('discover')
  })

  it('serves the same list under /api', async () => {
    expect((await t.get('/api/nodes')).body).toEqual((await t.get(`${API}/nodes`)).body)
  })
})
