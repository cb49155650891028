import { BaseExtension, type ClusterObject, type NodeObject } from '@nailgun/extensions'
import {
  createTestApp,
  databases,
  deployCluster,
  prepareCluster,
  type TestApp,
  waitForGone,
  waitForTask,
} from '@nailgun/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clusterOf, type Loose, nodesOf, notificationMessages, tasksOf } from './helpers.js'

/** Records the lifecycle events a deployment's end fires. */
class Watcher extends BaseExtension {
  readonly name = 'watcher'
  readonly version = '1.0.0'
  readonly description = 'Records node resets and deletions'
  events: string[] = []
  onNodeReset = (node: NodeObject) => {
    this.events.push(`reset ${node.id} ${node.status}`)
  }
  onNodeCollectionDelete = (ids: number[]) => {
    this.events.push(`nodes deleted ${ids.join(',')}`)
  }
  onClusterDelete = (cluster: ClusterObject) => {
    this.events.push(`cluster deleted ${cluster.id}`)
  }
}

describe.each(databases())('deployment lifecycle on %s', (database) => {
  let t: TestApp
  let watcher: Watcher

  beforeEach(async () => {
    watcher = new Watcher()
    t = await createTestApp({ database, extensions: [watcher] })
  })
  afterEach(async () => {
    await t.close()
  })

  async function deployed() {
    const deployment = await deployCluster(t)
    const task = await waitForTask(t, deployment.task.id)
    expect(task).toMatchObject({ name: 'deploy', status: 'ready', progress: 100, message: null })
    return deployment
  }

  it('deploys a controller, a compute and a cinder node: nodes ready, environment operational, notified', async () => {
    const { cluster, nodes, task } = await deployCluster(t)
    expect(task).toMatchObject({ name: 'deploy', cluster: cluster.id, parent_id: null, uuid: expect.any(String) })
    expect(['pending', 'running']).toContain(task.status)
    await waitForTask(t, task.id)

    const after = await nodesOf(t, cluster.id)
    expect(after.map((n) => [n.id, n.status, n.progress, n.roles, n.pending_roles, n.pending_addition])).toEqual(
      nodes.map((n, i) => [n.id, 'ready', 100, [['controller'], ['compute'], ['cinder']][i], [], false]),
    )
    expect(await clusterOf(t, cluster.id)).toMatchObject({ status: 'operational' })
    const tasks = await tasksOf(t, cluster.id)
    expect(tasks.map((x) => [x.name, x.status, x.progress, x.parent_id])).toEqual([
      ['deploy', 'ready', 100, null],
      ['provision', 'ready', 100, task.id],
      ['deployment', 'ready', 100, task.id],
    ])
    expect(await notificationMessages(t)).toContain(`Deployment of environment '${cluster.name}' is done.`)
  })

  it('resets a deployed environment: nodes back to discover with their roles pending, environment new', async () => {
    const { cluster, nodes, task } = await deployed()
    const reset = await t.put(`/api/v1/clusters/${cluster.id}/reset`)
    expect(reset.status).toBe(202)
    expect(reset.body).toMatchObject({ name: 'reset_environment', cluster: cluster.id })
    expect(await waitForTask(t, reset.body.id)).toMatchObject({ status: 'ready' })

    const after = await nodesOf(t, cluster.id)
    expect(after.map((n) => [n.status, n.roles, n.pending_roles, n.pending_addition, n.progress])).toEqual(
      nodes.map((n) => ['discover', [], n.pending_roles, true, 0]),
    )
    expect(await clusterOf(t, cluster.id)).toMatchObject({ status: 'new' })
    // The previous deployment's tasks are obsolete.
    expect((await t.get(`/api/v1/tasks/${task.id}`)).status).toBe(404)
    expect(await notificationMessages(t)).toContain(`Environment '${cluster.name}' was successfully reset`)
    expect(watcher.events).toEqual(nodes.map((n) => `reset ${n.id} discover`))

    const again = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(again.status).toBe(202)
    expect(await waitForTask(t, again.body.id)).toMatchObject({ status: 'ready' })
    expect(await clusterOf(t, cluster.id)).toMatchObject({ status: 'operational' })
  })

  it('deletes a deployed environment through the orchestrator, then the environment and its nodes are gone', async () => {
    const { cluster, nodes } = await deployed()
    const deletion = await t.delete(`/api/v1/clusters/${cluster.id}`)
    expect(deletion.status).toBe(202)
    expect(deletion.body).toMatchObject({ name: 'cluster_deletion', cluster: cluster.id })
    expect(await clusterOf(t, cluster.id)).toMatchObject({ status: 'remove' })
    await waitForGone(t, `/api/v1/clusters/${cluster.id}`)
    for (const node of nodes) expect((await t.get(`/api/v1/nodes/${node.id}`)).status).toBe(404)
    const messages = await notificationMessages(t)
    expect(messages).toContain('Successfully removed 3 node(s)')
    expect(messages).toContain(`Environment '${cluster.name}' is deleted`)
    expect(watcher.events).toEqual([
      `nodes deleted ${nodes.map((n) => n.id).join(',')}`,
      `cluster deleted ${cluster.id}`,
    ])
  })

  it('deletes an environment that was never deployed at once (its nodes too): 200 with the finished task', async () => {
    const { cluster, nodes } = await prepareCluster(t, [['controller'], ['compute']])
    const deletion = await t.delete(`/api/v1/clusters/${cluster.id}`)
    expect(deletion.status).toBe(200)
    expect(deletion.body).toMatchObject({ name: 'cluster_deletion', status: 'ready', progress: 100 })
    expect((await t.get(`/api/v1/clusters/${cluster.id}`)).status).toBe(404)
    for (const node of nodes) expect((await t.get(`/api/v1/nodes/${node.id}`)).status).toBe(404)
    expect(await notificationMessages(t)).toEqual(
      expect.arrayContaining(['Successfully removed 2 node(s)', `Environment '${cluster.name}' is deleted`]),
    )
  })

  it('answers 404 for the operations of an environment that does not exist, and changes nothing', async () => {
    for (const path of ['changes', 'changes/redeploy', 'provision', 'deploy', 'stop_deployment', 'reset']) {
      const response = await t.put(`/api/v1/clusters/999/${path}`)
      expect(response.status, path).toBe(404)
      expect(response.body).toEqual({ message: 'Cluster not found', errors: [] })
    }
    expect((await t.delete('/api/v1/clusters/999')).status).toBe(404)
    expect((await t.get('/api/v1/tasks')).body).toEqual([])
  })

  it('refuses to deploy an environment without changes with 400', async () => {
    const cluster = (await t.post('/api/v1/clusters', { name: 'empty', release_id: 1 })).body as Loose
    const response = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(response.status).toBe(400)
    expect(response.body.message).toBe('No changes to deploy')
    expect(await tasksOf(t, cluster.id)).toEqual([])
  })
})
