import { createCluster, createTestApp, databases, nextClusterName, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API, clusterRow } from './helpers.js'

describe.each(databases())('GET and PUT /clusters on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database })
  })
  afterAll(() => t.close())

  async function unchanged(id: number, body: unknown, status: number, message: RegExp | string) {
    const before = (await t.get(`${API}/clusters/${id}`)).body
    const res = await t.put(`${API}/clusters/${id}`, body)
    expect(res.status).toBe(status)
    expect(res.body.message).toMatch(message)
    expect((await t.get(`${API}/clusters/${id}`)).body).toEqual(before)
  }

  it('keeps no extension the installation lacks (none installed here)', async () => {
    const cluster = await createCluster(t)
    expect(JSON.parse((await clusterRow(t, cluster.id)).extensions)).toEqual([])
  })

  it('lists environments with pagination, ordering and Content-Range', async () => {
    const created = [await createCluster(t), await createCluster(t), await createCluster(t)]
    const all = await t.get(`${API}/clusters`)
    expect(all.status).toBe(200)
    const total = all.body.length
    expect(all.headers['content-range']).toBe(`objects 1-${total}/${total}`)
    expect(all.body.map((c: { id: number }) => c.id)).toEqual(
      [...all.body.map((c: { id: number }) => c.id)].sort((a, b) => a - b),
    )

    const page = await t.get(`${API}/clusters?limit=2&offset=1&order_by=-id`)
    expect(page.body.map((c: { id: number }) => c.id)).toEqual([created[1]!.id, created[0]!.id])
    expect(page.headers['content-range']).toBe(`objects 2-3/${total}`)
    expect((await t.get(`${API}/clusters?offset=${total}`)).status).toBe(416)
    expect((await t.get(`${API}/clusters?order_by=secret`)).status).toBe(400)
  })

  it('filters by release and status', async () => {
    const newton = await createCluster(t, { release_id: 2 })
    const res = await t.get(`${API}/clusters?release_id=2&status=new`)
    expect(res.body.map((c: { id: number }) => c.id)).toContain(newton.id)
    expect(res.body.every((c: { release_id: number }) => c.release_id === 2)).toBe(true)
    expect((await t.get(`${API}/clusters?status=operational`)).body).toEqual([])
    expect((await t.get(`${API}/clusters?status=bogus`)).status).toBe(400)
  })

  it('answers 404 for an unknown environment', async () => {
    const res = await t.get(`${API}/clusters/99999`)
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ message: 'Cluster not found', errors: [] })
    expect((await t.put(`${API}/clusters/99999`, { name: 'x' })).status).toBe(404)
  })

  it('renames and changes ui_settings, ignoring unknown and read-only fields', async () => {
    const cluster = await createCluster(t)
    const name = nextClusterName()
    const ui = { view_mode: 'compact', filter: {}, sort: [], filter_by_labels: {}, sort_by_labels: [], search: 'ctl' }
    const res = await t.put(`${API}/clusters/${cluster.id}`, { name, ui_settings: ui, status: 'operational', foo: 1 })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: cluster.id, name, ui_settings: ui, status: 'new' })
    expect((await t.get(`${API}/clusters/${cluster.id}`)).body).toEqual(res.body)
  })

  it('accepts the object it served, sent back unchanged', async () => {
    const cluster = await createCluster(t)
    const res = await t.put(`${API}/clusters/${cluster.id}`, cluster)
    expect(res.status).toBe(200)
    expect(res.body).toEqual(cluster)
  })

  it("refuses another environment's name with 409 and changes nothing", async () => {
    const [a, b] = [await createCluster(t), await createCluster(t)]
    await unchanged(b.id, { name: a.name }, 409, 'Environment with this name already exists')
  })

  it('refuses to change the network provider or the release with 400', async () => {
    const cluster = await createCluster(t)
    await unchanged(
      cluster.id,
      { net_provider: 'nova_network' },
      400,
      "Changing 'net_provider' for environment is prohibited",
    )
    await unchanged(cluster.id, { release_id: 2 }, 400, "Changing 'release_id' for environment is prohibited")
    await unchanged(cluster.id, { mode: 'multinode' }, 400, /Cannot deploy in multinode mode/)
  })

  it('refuses wrong types with 400 and changes nothing', async () => {
    const cluster = await createCluster(t)
    await unchanged(cluster.id, { name: 42 }, 400, /name/)
    await unchanged(cluster.id, { name: '' }, 400, /name/)
    await unchanged(cluster.id, { ui_settings: 'compact' }, 400, /ui_settings/)
    await unchanged(cluster.id, { ui_settings: { view_mode: 'standard', extra: 1 } }, 400, /ui_settings/)
    const bad = await t.inject({
      method: 'PUT',
      url: `${API}/clusters/${cluster.id}`,
      payload: '{"name": ',
      headers: { 'content-type': 'application/json' },
    })
    expect(bad.statusCode).toBe(400)
    expect(JSON.parse(bad.body).message).toBe('Invalid json received')
  })
})
