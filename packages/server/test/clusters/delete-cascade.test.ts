/**
 * `deleteClusterCascade`, the service the cluster deletion task calls: events in Nailgun's order,
 * every row of the environment gone, notifications kept, and all or nothing.
 */
import { createCluster, createNodeGroup, createTestApp, databases, registerNode, type TestApp } from '@nailgun/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { deleteClusterCascade, findCluster } from '../../src/domain/cluster/index.js'
import { createNotification } from '../../src/domain/notification/index.js'
import { createTask } from '../../src/domain/task/index.js'
import { API, rowCounts } from './helpers.js'
import { RecorderExtension } from './recorder.js'

describe.each(databases())('deleteClusterCascade on %s', (database) => {
  let t: TestApp
  const recorder = new RecorderExtension()
  beforeAll(async () => {
    t = await createTestApp({ database, extensions: [recorder] })
  })
  afterEach(() => recorder.reset())
  afterAll(() => t.close())

  /** An environment with two nodes, an extra node group, a task tree and a notification. */
  async function populated() {
    const cluster = await createCluster(t)
    const group = await createNodeGroup(t, cluster.id, 'rack-2')
    const nodes = [await registerNode(t), await registerNode(t)]
    for (const node of nodes) {
      const res = await t.put(`${API}/nodes/${node.id}`, { cluster_id: cluster.id, pending_roles: ['compute'] })
      expect(res.status).toBe(200)
    }
    const db = t.app.ctx.database.db
    const parent = await createTask(db, { name: 'deploy', clusterId: cluster.id, status: 'ready' })
    await createTask(db, { name: 'deployment', clusterId: cluster.id, parentId: parent.id, status: 'ready' })
    const note = await createNotification(db, { topic: 'done', message: 'Deployed', clusterId: cluster.id })
    return { cluster, group, nodes, note }
  }

  async function run(clusterId: number) {
    const { db } = t.app.ctx.database
    await db.transaction().execute(async (trx) => {
      const cluster = await findCluster(trx, clusterId)
      if (!cluster) throw new Error('no cluster')
      await deleteClusterCascade(trx, cluster, t.app.ctx.extensions)
    })
  }

  it("fires Nailgun's events in order, nodes while they exist, the environment while its row exists", async () => {
    const { cluster, nodes } = await populated()
    const ids = nodes.map((n) => n.id).sort((a, b) => a - b)
    recorder.reset()
    await run(cluster.id)
    expect(recorder.events()).toEqual([
      'beforeClusterDelete',
      'onNodeDelete',
      'onNodeDelete',
      'onNodeCollectionDelete',
      'onClusterDelete',
      'afterClusterDelete',
    ])
    expect(recorder.seen[0]!.args[0]).toMatchObject({ id: cluster.id, name: cluster.name })
    expect(recorder.seen[3]!.args[0]).toEqual(ids)
  })

  it('removes nodes, node groups, tasks and the row, and keeps notifications without their environment', async () => {
    const { cluster, group, nodes, note } = await populated()
    await run(cluster.id)
    expect((await t.get(`${API}/clusters/${cluster.id}`)).status).toBe(404)
    expect((await t.get(`${API}/nodegroups/${group.id}`)).status).toBe(404)
    expect((await t.get(`${API}/nodegroups?cluster_id=${cluster.id}`)).body).toEqual([])
    for (const node of nodes) expect((await t.get(`${API}/nodes/${node.id}`)).status).toBe(404)
    expect((await t.get(`${API}/tasks?cluster_id=${cluster.id}`)).body).toEqual([])
    const db = t.app.ctx.database.db
    expect(await db.selectFrom('tasks').select('id').where('cluster_id', '=', cluster.id).execute()).toEqual([])
    const kept = await t.get(`${API}/notifications/${note.id}`)
    expect(kept.status).toBe(200)
    expect(kept.body).toMatchObject({ message: 'Deployed', cluster: null })
  })

  it('leaves everything in place when an extension refuses the deletion', async () => {
    const { cluster } = await populated()
    const before = await rowCounts(t)
    recorder.breakAt = 'afterClusterDelete'
    await expect(run(cluster.id)).rejects.toThrow(/refused at afterClusterDelete/)
    expect(await rowCounts(t)).toEqual(before)
    expect((await t.get(`${API}/clusters/${cluster.id}`)).status).toBe(200)
  })
})
