import { createTestApp, databases, deployCluster, type TestApp, waitForTask } from '@nailgun/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { InProcessTransport } from '../../src/orchestrator/index.js'
import { clusterOf, nodesOf, notificationMessages, tasksOf } from './helpers.js'

describe.each(databases())('stopping a deployment on %s', (database) => {
  let t: TestApp

  afterEach(async () => {
    await t.close()
  })

  it('stops a running deployment: environment stopped, nodes back to discover with their roles pending', async () => {
    // A hundred thousand steps: the deployment cannot finish by itself during the test.
    t = await createTestApp({
      database,
      orchestrator: new InProcessTransport({ simulator: { stepMs: 20, steps: 100_000 } }),
    })
    const { cluster, nodes, task } = await deployCluster(t)
    const stop = await t.put(`/api/v1/clusters/${cluster.id}/stop_deployment`)
    expect(stop.status).toBe(202)
    expect(stop.body).toMatchObject({ name: 'stop_deployment', cluster: cluster.id })
    expect(await waitForTask(t, stop.body.id)).toMatchObject({ status: 'ready' })

    expect(await clusterOf(t, cluster.id)).toMatchObject({ status: 'stopped' })
    const after = await nodesOf(t, cluster.id)
    expect(after.map((n) => [n.status, n.roles, n.pending_roles, n.pending_addition])).toEqual(
      nodes.map((n) => ['discover', [], n.pending_roles, true]),
    )
    expect(await waitForTask(t, task.id)).toMatchObject({ status: 'error' })
    expect((await tasksOf(t, cluster.id)).every((x) => x.status === 'ready' || x.status === 'error')).toBe(true)
    expect(await notificationMessages(t)).toContain(
      `Deployment of environment '${cluster.name}' was successfully stopped`,
    )
  })
})
