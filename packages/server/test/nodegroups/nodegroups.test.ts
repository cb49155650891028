import { createCluster, createNodeGroup, createTestApp, databases, registerNode, type TestApp } from '@nailgun/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { API, rowCounts } from '../clusters/helpers.js'
import { RecorderExtension } from '../clusters/recorder.js'

describe.each(databases())('/nodegroups on %s', (database) => {
  let t: TestApp
  const recorder = new RecorderExtension()
  beforeAll(async () => {
    t = await createTestApp({ database, extensions: [recorder] })
  })
  afterEach(() => recorder.reset())
  afterAll(() => t.close())

  async function refused(
    send: () => Promise<{ status: number; body: { message: string } }>,
    status: number,
    message: RegExp | string,
  ) {
    const before = [await rowCounts(t), (await t.get(`${API}/nodegroups`)).body]
    recorder.reset()
    const res = await send()
    expect(res.status).toBe(status)
    expect(res.body.message).toMatch(message)
    expect([await rowCounts(t), (await t.get(`${API}/nodegroups`)).body]).toEqual(before)
    expect(recorder.events()).toEqual([])
  }

  it('creates a group (201) and fires onNodegroupCreate with it', async () => {
    const cluster = await createCluster(t)
    recorder.reset()
    const res = await t.post(`${API}/nodegroups`, { cluster_id: cluster.id, name: 'rack-2' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ id: expect.any(Number), cluster_id: cluster.id, name: 'rack-2', is_default: false })
    expect(recorder.events()).toEqual(['onNodegroupCreate'])
    expect(recorder.seen[0]!.args[0]).toEqual({
      id: res.body.id,
      clusterId: cluster.id,
      name: 'rack-2',
      isDefault: false,
    })
    expect((await t.get(`${API}/nodegroups/${res.body.id}`)).body).toEqual(res.body)
  })

  it('lists the groups of an environment, or all of them', async () => {
    const [a, b] = [await createCluster(t), await createCluster(t)]
    const extra = await createNodeGroup(t, a.id, 'rack-2')
    const ofA = (await t.get(`${API}/nodegroups?cluster_id=${a.id}`)).body
    expect(ofA.map((g: { name: string }) => g.name)).toEqual(['default', 'rack-2'])
    const all = (await t.get(`${API}/nodegroups`)).body.map((g: { id: number }) => g.id)
    expect(all).toEqual(
      expect.arrayContaining([
        extra.id,
        ...(await t.get(`${API}/nodegroups?cluster_id=${b.id}`)).body.map((g: { id: number }) => g.id),
      ]),
    )
    expect((await t.get(`${API}/nodegroups?cluster_id=`)).body).toEqual([])
    expect((await t.get(`${API}/nodegroups?cluster_id=abc`)).status).toBe(400)
  })

  it('refuses an unknown environment with 404, a duplicate name with 409, bad bodies with 400', async () => {
    const cluster = await createCluster(t)
    await createNodeGroup(t, cluster.id, 'rack-2')
    await refused(() => t.post(`${API}/nodegroups`, { cluster_id: 99999, name: 'x' }), 404, 'Cluster not found')
    await refused(
      () => t.post(`${API}/nodegroups`, { cluster_id: cluster.id, name: 'rack-2' }),
      409,
      `Node group 'rack-2' already exists in environment ${cluster.id}.`,
    )
    await refused(() => t.post(`${API}/nodegroups`, { cluster_id: cluster.id, name: 'default' }), 409, /already exists/)
    await refused(() => t.post(`${API}/nodegroups`, { name: 'x' }), 400, /cluster_id/)
    await refused(() => t.post(`${API}/nodegroups`, { cluster_id: cluster.id, name: '' }), 400, /name/)
    await refused(() => t.post(`${API}/nodegroups`, { cluster_id: String(cluster.id), name: 'y' }), 400, /cluster_id/)
  })

  it('refuses groups in an environment without Neutron with 403', async () => {
    const nova = await createCluster(t, { net_provider: 'nova_network' })
    await refused(
      () => t.post(`${API}/nodegroups`, { cluster_id: nova.id, name: 'x' }),
      403,
      /only be created when using Neutron/,
    )
  })

  it('rolls the creation back when an extension refuses it', async () => {
    const cluster = await createCluster(t)
    const before = await rowCounts(t)
    recorder.breakAt = 'onNodegroupCreate'
    const res = await t.post(`${API}/nodegroups`, { cluster_id: cluster.id, name: 'rack-9' })
    expect(res.status).toBe(403)
    expect(await rowCounts(t)).toEqual(before)
  })

  it('renames a group; refuses a taken name (409) and a move to another environment (403)', async () => {
    const [a, b] = [await createCluster(t), await createCluster(t)]
    const group = await createNodeGroup(t, a.id, 'rack-2')
    await createNodeGroup(t, a.id, 'rack-3')
    const res = await t.put(`${API}/nodegroups/${group.id}`, { name: 'rack-22', cluster_id: a.id })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ...group, name: 'rack-22' })
    await refused(() => t.put(`${API}/nodegroups/${group.id}`, { name: 'rack-3' }), 409, /already exists/)
    await refused(() => t.put(`${API}/nodegroups/${group.id}`, { cluster_id: b.id }), 403, /other cluster/)
    await refused(() => t.put(`${API}/nodegroups/${group.id}`, { name: 5 }), 400, /name/)
    expect((await t.put(`${API}/nodegroups/99999`, { name: 'x' })).status).toBe(404)
  })

  it('deletes a group (204): onNodegroupDelete first, then its nodes leave the environment', async () => {
    const cluster = await createCluster(t)
    const group = await createNodeGroup(t, cluster.id, 'rack-2')
    const node = await registerNode(t)
    await t.put(`${API}/nodes/${node.id}`, { cluster_id: cluster.id, pending_roles: ['compute'] })
    expect((await t.put(`${API}/nodes/${node.id}`, { group_id: group.id })).status).toBe(200)
    recorder.reset()
    const res = await t.delete(`${API}/nodegroups/${group.id}`)
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expect(recorder.events()).toEqual(['onNodegroupDelete', 'onRemoveNodeFromCluster', 'onNodeUpdate'])
    expect(recorder.seen[0]!.args[0]).toMatchObject({ id: group.id, name: 'rack-2' })
    expect((await t.get(`${API}/nodegroups/${group.id}`)).status).toBe(404)
    expect((await t.get(`${API}/nodes/${node.id}`)).body).toMatchObject({
      cluster: null,
      group_id: null,
      pending_roles: [],
    })
  })

  it('refuses to delete the default group with 400, and an unknown one with 404', async () => {
    const cluster = await createCluster(t)
    const [defaultGroup] = (await t.get(`${API}/nodegroups?cluster_id=${cluster.id}`)).body
    await refused(() => t.delete(`${API}/nodegroups/${defaultGroup.id}`), 400, 'Default node group cannot be deleted')
    await refused(() => t.delete(`${API}/nodegroups/99999`), 404, 'NodeGroup not found')
  })

  it('keeps the group and its nodes when an extension refuses the deletion', async () => {
    const cluster = await createCluster(t)
    const group = await createNodeGroup(t, cluster.id, 'rack-2')
    const node = await registerNode(t)
    await t.put(`${API}/nodes/${node.id}`, { cluster_id: cluster.id, group_id: group.id })
    const before = (await t.get(`${API}/nodes/${node.id}`)).body
    recorder.breakAt = 'onNodeUpdate'
    expect((await t.delete(`${API}/nodegroups/${group.id}`)).status).toBe(403)
    expect((await t.get(`${API}/nodegroups/${group.id}`)).status).toBe(200)
    expect((await t.get(`${API}/nodes/${node.id}`)).body).toEqual(before)
  })
})
