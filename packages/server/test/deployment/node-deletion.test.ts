import { BaseExtension, type NodeObject } from '@nailgun/extensions'
import {
  createCluster,
  createTestApp,
  databases,
  deployCluster,
  prepareCluster,
  registerNode,
  type TestApp,
  waitForTask,
} from '@nailgun/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Loose, nodesOf, notificationMessages, tasksOf } from './helpers.js'

class DeletionWatcher extends BaseExtension {
  readonly name = 'deletion_watcher'
  readonly version = '1.0.0'
  readonly description = 'Records node deletions'
  deleted: number[] = []
  collections: number[][] = []
  onNodeDelete = (node: NodeObject) => {
    this.deleted.push(node.id)
  }
  onNodeCollectionDelete = (ids: number[]) => {
    this.collections.push(ids)
  }
}

describe.each(databases())('node deletion on %s', (database) => {
  let t: TestApp
  let watcher: DeletionWatcher

  beforeEach(async () => {
    watcher = new DeletionWatcher()
    t = await createTestApp({ database, extensions: [watcher] })
  })
  afterEach(async () => {
    await t.close()
  })

  it('deletes undeployed nodes at once: 200 with the finished task, events fired', async () => {
    const { cluster, nodes } = await prepareCluster(t, [['controller'], ['compute'], ['compute']])
    const [a, b, c] = nodes as [Loose, Loose, Loose]
    const response = await t.delete(`/api/v1/nodes?ids=${a.id},${b.id}`)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ name: 'node_deletion', status: 'ready', progress: 100, cluster: cluster.id })
    expect((await nodesOf(t, cluster.id)).map((n) => n.id)).toEqual([c.id])
    expect(watcher.deleted).toEqual([a.id, b.id])
    expect(watcher.collections).toEqual([[a.id, b.id]])
    expect(await notificationMessages(t)).toContain('Successfully removed 2 node(s)')
  })

  it('deletes an unassigned node with DELETE /nodes/<id>', async () => {
    const node = await registerNode(t)
    const response = await t.delete(`/api/v1/nodes/${node.id}`)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ name: 'node_deletion', status: 'ready', cluster: null })
    expect((await t.get(`/api/v1/nodes/${node.id}`)).status).toBe(404)
  })

  it('deletes deployed nodes through the orchestrator: 202, removing, then gone', async () => {
    const { cluster, nodes, task } = await deployCluster(t)
    await waitForTask(t, task.id)
    const compute = nodes[1] as Loose
    const response = await t.delete(`/api/v1/nodes/${compute.id}`)
    expect(response.status).toBe(202)
    expect(response.body).toMatchObject({ name: 'node_deletion', cluster: cluster.id })
    expect(await waitForTask(t, response.body.id)).toMatchObject({ status: 'ready' })
    expect((await t.get(`/api/v1/nodes/${compute.id}`)).status).toBe(404)
    expect(watcher.collections).toEqual([[compute.id]])
    expect((await nodesOf(t, cluster.id)).map((n) => n.status)).toEqual(['ready', 'ready'])
  })

  it('removes nodes marked for deletion with the next deployment', async () => {
    const { cluster, nodes, task } = await deployCluster(t)
    await waitForTask(t, task.id)
    const cinder = nodes[2] as Loose
    expect((await t.put('/api/v1/nodes', [{ id: cinder.id, pending_deletion: true }])).status).toBe(200)
    const changes = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(changes.status).toBe(202)
    expect(await waitForTask(t, changes.body.id)).toMatchObject({ status: 'ready' })
    const subtasks = (await tasksOf(t, cluster.id)).filter((x) => x.parent_id === changes.body.id)
    expect(subtasks.map((x) => [x.name, x.status])).toEqual([['node_deletion', 'ready']])
    expect((await t.get(`/api/v1/nodes/${cinder.id}`)).status).toBe(404)
    expect((await t.get(`/api/v1/clusters/${cluster.id}`)).body.status).toBe('operational')
  })

  it('answers 404 for unknown nodes, 400 for bad ids or nodes of two environments, and deletes nothing', async () => {
    const { nodes } = await prepareCluster(t, [['controller']])
    const other = await createCluster(t)
    const stranger = await registerNode(t)
    await t.post(`/api/v1/clusters/${other.id}/assignment`, [{ id: stranger.id, roles: ['compute'] }])
    const first = nodes[0] as Loose
    expect((await t.delete('/api/v1/nodes/999')).status).toBe(404)
    expect((await t.delete(`/api/v1/nodes?ids=${first.id},999`)).status).toBe(404)
    expect((await t.delete('/api/v1/nodes?ids=a,b')).status).toBe(400)
    expect((await t.delete('/api/v1/nodes')).status).toBe(400)
    const mixed = await t.delete(`/api/v1/nodes?ids=${first.id},${stranger.id}`)
    expect(mixed.status).toBe(400)
    expect(mixed.body.message).toBe('Nodes of different environments cannot be deleted together')
    expect((await t.get('/api/v1/nodes')).body).toHaveLength(2)
    expect((await t.get('/api/v1/tasks')).body).toEqual([])
  })
})
