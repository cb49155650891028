import { createTestApp, databases, registerNode, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API, createCluster, snapshot, type TestCluster } from './helpers.js'

describe.each(databases())('node updates (PUT /nodes/<id>, PUT /nodes) on %s', (database) => {
  let t: TestApp
  let env: TestCluster
  beforeAll(async () => {
    t = await createTestApp({ database })
    env = await createCluster(t)
  })
  afterAll(() => t.close())

  const put = (id: number, body: unknown) => t.put(`${API}/nodes/${id}`, body)

  /** Asserts the request is refused with `status` and that no node changed. */
  async function refused(request: () => Promise<{ status: number; body: { message: string } }>, status: number) {
    const before = await snapshot(t)
    const res = await request()
    expect(res.status, res.body.message).toBe(status)
    expect(await snapshot(t)).toEqual(before)
    return res.body.message
  }

  describe('single node', () => {
    it('renames a node and replaces its labels (null is a key without a value)', async () => {
      const node = await registerNode(t)
      expect((await put(node.id, { name: 'db-1', labels: { rack: 'r1', spare: null } })).body).toMatchObject({
        name: 'db-1',
        labels: { rack: 'r1', spare: null },
      })
      const res = await put(node.id, { labels: { zone: 'a' } })
      expect(res.body.labels).toEqual({ zone: 'a' })
      expect(res.body.name).toBe('db-1')
    })

    it('changes the hostname of a discovered node and refuses duplicates with 409', async () => {
      const a = await registerNode(t)
      const b = await registerNode(t)
      const res = await put(a.id, { hostname: 'controller-1' })
      expect(res.body).toMatchObject({ hostname: 'controller-1', fqdn: 'controller-1.test.domain.local' })
      const message = await refused(() => put(b.id, { hostname: 'controller-1' }), 409)
      expect(message).toBe("Duplicate hostname 'controller-1'.")
    })

    it('refuses a hostname change once the node left discover with 403', async () => {
      const node = await registerNode(t)
      await put(node.id, { status: 'ready' })
      const message = await refused(() => put(node.id, { hostname: 'late' }), 403)
      expect(message).toBe('Node hostname may be changed only before provisioning.')
    })

    it('answers 400 to wrong types and malformed values, changing nothing', async () => {
      const node = await registerNode(t)
      for (const body of [
        { name: 5 },
        { name: '' },
        { hostname: 'bad_host!' },
        { labels: { a: 1 } },
        { labels: ['a'] },
        { pending_addition: 'yes' },
        { progress: 101 },
        { status: 'sleeping' },
        { cluster_id: 'x' },
        { roles: 'controller' },
      ]) {
        await refused(() => put(node.id, body), 400)
      }
    })

    it('answers 404 for an unknown node', async () => {
      expect((await put(999999, { name: 'x' })).status).toBe(404)
    })

    it('adds a node to an environment: default node group, pending roles, pending_addition', async () => {
      const node = await registerNode(t)
      const res = await put(node.id, { cluster_id: env.id, pending_roles: ['controller'] })
      expect(res.body).toMatchObject({
        cluster: env.id,
        group_id: env.groupId,
        pending_roles: ['controller'],
        pending_addition: true,
      })
    })

    it('accepts the old clients\' "cluster" key', async () => {
      const node = await registerNode(t)
      expect((await put(node.id, { cluster: env.id })).body.cluster).toBe(env.id)
    })

    it('removes a node from its environment and clears what belonged to it', async () => {
      const node = await registerNode(t)
      await put(node.id, { cluster_id: env.id, pending_roles: ['compute'], hostname: 'compute-9' })
      const res = await put(node.id, { cluster_id: null })
      expect(res.body).toMatchObject({
        cluster: null,
        group_id: null,
        roles: [],
        pending_roles: [],
        pending_addition: false,
        pending_deletion: false,
        hostname: `node-${node.id}`,
      })
    })

    it('refuses moving a node straight into another environment', async () => {
      const other = await createCluster(t)
      const node = await registerNode(t)
      await put(node.id, { cluster_id: env.id })
      const message = await refused(() => put(node.id, { cluster_id: other.id }), 400)
      expect(message).toBe('Changing cluster on the fly is not allowed')
    })

    it('refuses an unknown environment and a node group of another environment', async () => {
      const node = await registerNode(t)
      await refused(() => put(node.id, { cluster_id: 99999 }), 400)
      const other = await createCluster(t)
      await put(node.id, { cluster_id: env.id })
      const message = await refused(() => put(node.id, { group_id: other.groupId }), 400)
      expect(message).toMatch(/other cluster than node group/)
    })
  })

  describe('roles', () => {
    it('rejects unknown roles, duplicates and conflicting roles with 400', async () => {
      const node = await registerNode(t)
      await put(node.id, { cluster_id: env.id })
      expect(await refused(() => put(node.id, { pending_roles: ['wizard'] }), 400)).toBe(
        `wizard are not valid roles for node in environment ${env.id}`,
      )
      expect(await refused(() => put(node.id, { pending_roles: ['compute', 'compute'] }), 400)).toMatch(
        /more than once/,
      )
      expect(await refused(() => put(node.id, { pending_roles: ['controller', 'compute'] }), 400)).toMatch(
        /^Role 'controller' in conflict with role 'compute'/,
      )
    })

    it('checks conflicts between deployed roles and pending ones', async () => {
      const node = await registerNode(t)
      await put(node.id, { cluster_id: env.id, roles: ['controller'] })
      await refused(() => put(node.id, { pending_roles: ['ceph-osd'] }), 400)
      expect((await put(node.id, { pending_roles: ['cinder'] })).body.pending_roles).toEqual(['cinder'])
    })

    it('rejects roles for a node outside any environment with 400', async () => {
      const node = await registerNode(t)
      expect(await refused(() => put(node.id, { pending_roles: ['compute'] }), 400)).toMatch(/not in an environment/)
      expect((await put(node.id, { pending_roles: [] })).status).toBe(200)
    })

    it('rejects a role the same request removes the node from the environment for', async () => {
      const node = await registerNode(t)
      await put(node.id, { cluster_id: env.id })
      await refused(() => put(node.id, { cluster_id: null, pending_roles: ['compute'] }), 400)
    })
  })

  describe('bulk', () => {
    it('updates several nodes found by id or MAC and returns them by id', async () => {
      const a = await registerNode(t)
      const b = await registerNode(t)
      const res = await t.put(`${API}/nodes`, [
        { mac: b.mac.toUpperCase(), name: 'by-mac' },
        { id: a.id, cluster_id: env.id, pending_roles: ['cinder'], pending_addition: true },
      ])
      expect(res.status).toBe(200)
      expect(res.body.map((n: { id: number }) => n.id)).toEqual([a.id, b.id])
      expect(res.body[0]).toMatchObject({ cluster: env.id, pending_roles: ['cinder'] })
      expect(res.body[1].name).toBe('by-mac')
    })

    it('finds a node by one of its NIC MACs', async () => {
      const node = await registerNode(t)
      const res = await t.put(`${API}/nodes`, [{ mac: node.meta.interfaces[2].mac, name: 'by-nic' }])
      expect(res.body[0]).toMatchObject({ id: node.id, name: 'by-nic' })
    })

    it('applies two items for the same node in order', async () => {
      const node = await registerNode(t)
      const res = await t.put(`${API}/nodes`, [
        { id: node.id, cluster_id: env.id },
        { id: node.id, pending_roles: ['compute'] },
      ])
      expect(res.body).toHaveLength(1)
      expect(res.body[0]).toMatchObject({ cluster: env.id, pending_roles: ['compute'], pending_addition: true })
    })

    it('changes nothing when one id is unknown (404)', async () => {
      const node = await registerNode(t)
      const message = await refused(
        () => t.put(`${API}/nodes`, [{ id: node.id, name: 'never' }, { id: 999998 }, { mac: '00:00:00:00:00:01' }]),
        404,
      )
      expect(message).toBe("Can't find nodes: id 999998, mac 00:00:00:00:00:01")
    })

    it('changes nothing when a later item is invalid (400)', async () => {
      const a = await registerNode(t)
      const b = await registerNode(t)
      await refused(
        () =>
          t.put(`${API}/nodes`, [
            { id: a.id, name: 'never', cluster_id: env.id },
            { id: b.id, pending_roles: ['compute'] },
          ]),
        400,
      )
    })

    it('requires an id or a MAC on every item and a list body', async () => {
      expect(await refused(() => t.put(`${API}/nodes`, [{ name: 'x' }]), 400)).toBe('Neither MAC nor ID is specified')
      await refused(() => t.put(`${API}/nodes`, { id: 1 }), 400)
      await refused(() => t.put(`${API}/nodes`, [{ id: 'one' }]), 400)
    })
  })
})
