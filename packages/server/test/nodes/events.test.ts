/**
 * Which extension events the node slice fires, with what, and that a failing handler rolls the
 * whole operation back. The host's `fire` is spied on (the test app loads no extensions yet);
 * delivery to real extensions is the extension host's own tests' business.
 */
import type { NodeObject } from '@nailgun/extensions'
import { NotAllowedError } from '@nailgun/extensions'
import { agentChecksum, agentPayload, createTestApp, databases, registerNode, type TestApp } from '@nailgun/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest'
import { deleteNodes, removeNodeFromCluster } from '../../src/domain/node/index.js'
import { makeObjectsApi } from '../../src/domain/objects-api.js'
import { API, createCluster, nodeCount, snapshot } from './helpers.js'

type Fire = TestApp['app']['ctx']['extensions']['fire']

describe.each(databases())('node events on %s', (database) => {
  let t: TestApp
  let fire: MockInstance<Fire>
  beforeAll(async () => {
    t = await createTestApp({ database })
  })
  afterEach(() => {
    fire?.mockRestore()
  })
  afterAll(() => t.close())

  const spy = () => {
    fire = vi.spyOn(t.app.ctx.extensions, 'fire')
    return fire
  }
  const calls = () => fire.mock.calls.map(([, event, args, options]) => ({ event, args, changes: options?.changes }))

  it('fires onNodeCreate with the new node inside the registration', async () => {
    spy()
    const node = await registerNode(t)
    expect(calls()).toEqual([
      {
        event: 'onNodeCreate',
        args: [expect.objectContaining({ id: node.id, status: 'discover' })],
        changes: undefined,
      },
    ])
  })

  it('fires onNodeUpdate with every changed field, not only roles', async () => {
    const node = await registerNode(t)
    spy()
    await t.put(`${API}/nodes/${node.id}`, { name: 'renamed', labels: { a: 'b' } })
    const [call] = calls()
    expect(call?.event).toBe('onNodeUpdate')
    expect(call?.changes).toEqual({
      name: { old: node.name, new: 'renamed' },
      labels: { old: {}, new: { a: 'b' } },
    })
  })

  it('fires nothing for an update that changes nothing, or for an unchanged agent report', async () => {
    const node = await registerNode(t)
    spy()
    await t.put(`${API}/nodes/${node.id}`, { name: node.name })
    await t.put(`${API}/nodes/agent`, agentPayload({ mac: node.mac }))
    expect(calls()).toEqual([])
  })

  it('fires onNodeUpdate with the meta change from an agent report', async () => {
    const node = await registerNode(t)
    const payload = agentPayload({ mac: node.mac, disks: [{ name: 'sda', size: 1_000_000_000 }] })
    spy()
    await t.put(`${API}/nodes/agent`, payload)
    const [call] = calls()
    expect(call?.event).toBe('onNodeUpdate')
    expect(Object.keys(call?.changes ?? {})).toEqual(['meta'])
  })

  it('fires onRemoveNodeFromCluster with the node still in its environment, then onNodeUpdate', async () => {
    const env = await createCluster(t)
    const node = await registerNode(t)
    await t.put(`${API}/nodes/${node.id}`, { cluster_id: env.id, pending_roles: ['compute'] })
    spy()
    await t.put(`${API}/nodes/${node.id}`, { cluster_id: null })
    const [removed, updated] = calls()
    expect(removed?.event).toBe('onRemoveNodeFromCluster')
    expect(removed?.args[0]).toMatchObject({ clusterId: env.id, pendingRoles: ['compute'] })
    expect(updated?.event).toBe('onNodeUpdate')
    expect(updated?.changes?.clusterId).toEqual({ old: env.id, new: null })
  })

  it('rolls the whole request back when a handler throws, with the handler error status', async () => {
    const env = await createCluster(t)
    const a = await registerNode(t)
    const b = await registerNode(t)
    spy().mockImplementation(async (_trx, event, args) => {
      if (event === 'onNodeUpdate' && (args[0] as NodeObject).id === b.id)
        throw new NotAllowedError('NG_TEST', 'vetoed')
    })
    const before = await snapshot(t)
    const res = await t.post(`${API}/clusters/${env.id}/assignment`, [
      { id: a.id, roles: ['compute'] },
      { id: b.id, roles: ['compute'] },
    ])
    expect(res.status).toBe(403)
    expect(await snapshot(t)).toEqual(before)
  })

  it('rolls a registration back when onNodeCreate throws', async () => {
    spy().mockRejectedValue(new Error('boom'))
    const count = await nodeCount(t)
    const payload = agentPayload()
    payload.agent_checksum = agentChecksum(payload)
    expect((await t.post(`${API}/nodes`, payload)).status).toBe(500)
    fire.mockRestore()
    expect(await nodeCount(t)).toBe(count)
  })

  it('deleteNodes fires onNodeDelete per node, then onNodeCollectionDelete once, then deletes', async () => {
    const a = await registerNode(t)
    const b = await registerNode(t)
    spy()
    const { db } = t.app.ctx.database
    const deleted = await db
      .transaction()
      .execute((trx) => deleteNodes(trx, [b.id, a.id, 999999], t.app.ctx.extensions))
    expect(deleted.map((n) => n.id)).toEqual([a.id, b.id])
    expect(calls().map((c) => c.event)).toEqual(['onNodeDelete', 'onNodeDelete', 'onNodeCollectionDelete'])
    expect(calls()[2]?.args).toEqual([[a.id, b.id]])
    expect((await t.get(`${API}/nodes/${a.id}`)).status).toBe(404)
    const single = await registerNode(t)
    await db.transaction().execute((trx) => deleteNodes(trx, [single.id], t.app.ctx.extensions))
    expect(calls().at(-1)).toMatchObject({ event: 'onNodeCollectionDelete', args: [[single.id]] })
  })

  it('removeNodeFromCluster takes a node out inside the caller transaction', async () => {
    const env = await createCluster(t)
    const node = await registerNode(t)
    await t.put(`${API}/nodes/${node.id}`, { cluster_id: env.id })
    const { db } = t.app.ctx.database
    const objects = makeObjectsApi(db)
    const current = (await objects.nodes.get(node.id)) as NodeObject
    const removed = await db.transaction().execute((trx) => removeNodeFromCluster(t.app.ctx, trx, current))
    expect(removed.clusterId).toBeNull()
  })
})

describe.each(databases())('objects API nodes on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database })
  })
  afterAll(() => t.close())

  it('gets, lists with filters, updates without firing events, and serializes', async () => {
    const env = await createCluster(t)
    const a = await registerNode(t)
    const b = await registerNode(t)
    await t.post(`${API}/clusters/${env.id}/assignment`, [{ id: b.id, roles: ['cinder'] }])
    const objects = makeObjectsApi(t.app.ctx.database.db)
    expect((await objects.nodes.get(a.id))?.mac).toBe(a.mac)
    expect((await objects.nodes.list({ clusterId: null })).map((n) => n.id)).toEqual([a.id])
    expect((await objects.nodes.list({ clusterId: env.id, role: 'cinder' })).map((n) => n.id)).toEqual([b.id])
    expect(await objects.nodes.list({ role: 'controller' })).toEqual([])
    expect(await objects.nodes.list({ ids: [] })).toEqual([])
    expect((await objects.nodes.list({ ids: [a.id, b.id], status: 'discover' })).length).toBe(2)
    const fire = vi.spyOn(t.app.ctx.extensions, 'fire')
    const updated = await objects.nodes.update(a.id, { status: 'error', errorMsg: 'disk failed', progress: 0 })
    expect(fire).not.toHaveBeenCalled()
    fire.mockRestore()
    expect(updated).toMatchObject({ status: 'error', errorMsg: 'disk failed' })
    expect(objects.nodes.serialize(updated)).toMatchObject({ id: a.id, status: 'error', error_msg: 'disk failed' })
    await expect(objects.nodes.update(999999, { name: 'x' })).rejects.toThrow('Node not found')
    await expect(objects.nodes.update(a.id, { progress: 150 })).rejects.toThrow(/progress/)
  })
})
