import { createTestApp, databases, registerNode, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API, createCluster, snapshot, type TestCluster } from './helpers.js'

describe.each(databases())('assignment and unassignment on %s', (database) => {
  let t: TestApp
  let env: TestCluster
  let other: TestCluster
  beforeAll(async () => {
    t = await createTestApp({ database })
    env = await createCluster(t)
    other = await createCluster(t)
  })
  afterAll(() => t.close())

  const assign = (clusterId: number, body: unknown) => t.post(`${API}/clusters/${clusterId}/assignment`, body)
  const unassign = (clusterId: number, body: unknown) => t.post(`${API}/clusters/${clusterId}/unassignment`, body)
  const node = async (id: number) => (await t.get(`${API}/nodes/${id}`)).body

  async function refused(request: () => Promise<{ status: number; body: { message: string } }>, status: number) {
    const before = await snapshot(t)
    const res = await request()
    expect(res.status, res.body.message).toBe(status)
    expect(await snapshot(t)).toEqual(before)
    return res.body.message
  }

  it('assigns discovered nodes with pending roles and answers 200 with null', async () => {
    const a = await registerNode(t)
    const b = await registerNode(t)
    const res = await assign(env.id, [
      { id: a.id, roles: ['controller'] },
      { id: b.id, roles: ['compute', 'cinder'] },
    ])
    expect(res.status).toBe(200)
    expect(res.text).toBe('null')
    expect(await node(a.id)).toMatchObject({
      cluster: env.id,
      group_id: env.groupId,
      pending_roles: ['controller'],
      pending_addition: true,
    })
    expect((await node(b.id)).pending_roles).toEqual(['compute', 'cinder'])
  })

  it('answers 404 for an unknown environment or node, changing nothing', async () => {
    const a = await registerNode(t)
    expect(await refused(() => assign(99999, [{ id: a.id, roles: ['compute'] }]), 404)).toBe('Cluster not found')
    const message = await refused(
      () =>
        assign(env.id, [
          { id: a.id, roles: ['compute'] },
          { id: 99999, roles: [] },
        ]),
      404,
    )
    expect(message).toBe('Nodes with ids 99999 were not found.')
  })

  it('answers 400 for a node of another environment, bad roles or a busy node, changing nothing', async () => {
    const a = await registerNode(t)
    const b = await registerNode(t)
    await assign(other.id, [{ id: b.id, roles: ['compute'] }])
    await refused(
      () =>
        assign(env.id, [
          { id: a.id, roles: ['compute'] },
          { id: b.id, roles: ['compute'] },
        ]),
      400,
    )
    await refused(() => assign(env.id, [{ id: a.id, roles: ['wizard'] }]), 400)
    await refused(() => assign(env.id, [{ id: a.id, roles: ['controller', 'compute'] }]), 400)
    const c = await registerNode(t)
    await t.put(`${API}/nodes/${c.id}`, { status: 'error' })
    await refused(() => assign(env.id, [{ id: c.id, roles: ['compute'] }]), 400)
  })

  it('answers 400 to a malformed body', async () => {
    const a = await registerNode(t)
    await refused(() => assign(env.id, { id: a.id, roles: ['compute'] }), 400)
    await refused(() => assign(env.id, [{ id: a.id }]), 400)
    await refused(() => assign(env.id, [{ id: 'x', roles: [] }]), 400)
    await refused(() => unassign(env.id, [{}]), 400)
  })

  it('removes an undeployed node from the environment', async () => {
    const a = await registerNode(t)
    await assign(env.id, [{ id: a.id, roles: ['compute'] }])
    const res = await unassign(env.id, [{ id: a.id }])
    expect(res.status).toBe(200)
    expect(res.text).toBe('null')
    expect(await node(a.id)).toMatchObject({
      cluster: null,
      group_id: null,
      pending_roles: [],
      pending_addition: false,
    })
  })

  it('marks a deployed node for deletion instead of removing it', async () => {
    const a = await registerNode(t)
    await assign(env.id, [{ id: a.id, roles: ['compute'] }])
    await t.put(`${API}/nodes/${a.id}`, {
      status: 'ready',
      roles: ['compute'],
      pending_roles: [],
      pending_addition: false,
    })
    await unassign(env.id, [{ id: a.id }])
    expect(await node(a.id)).toMatchObject({ cluster: env.id, roles: ['compute'], pending_deletion: true })
  })

  it('refuses to unassign nodes of another environment or unknown nodes, changing nothing', async () => {
    const a = await registerNode(t)
    const b = await registerNode(t)
    await assign(env.id, [{ id: a.id, roles: ['compute'] }])
    await assign(other.id, [{ id: b.id, roles: ['compute'] }])
    const message = await refused(() => unassign(env.id, [{ id: a.id }, { id: b.id }]), 400)
    expect(message).toBe(`Nodes [${b.id}] are not members of environment ${env.id}.`)
    await refused(() => unassign(env.id, [{ id: a.id }, { id: 99999 }]), 404)
    await refused(() => unassign(99999, [{ id: a.id }]), 404)
  })
})
