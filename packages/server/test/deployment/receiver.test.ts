import { createTestApp, databases, prepareCluster, registerNode, type TestApp } from '@nailgun/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyResponse } from '../../src/deployment/index.js'
import { clusterOf, type Loose, ManualTransport, nodesOf, notificationMessages, tasksOf } from './helpers.js'

describe.each(databases())('the receiver on %s', (database) => {
  let t: TestApp
  let orchestrator: ManualTransport

  beforeEach(async () => {
    orchestrator = new ManualTransport()
    t = await createTestApp({ database, orchestrator })
  })
  afterEach(async () => {
    await t.close()
  })

  async function started() {
    const prepared = await prepareCluster(t)
    const response = await t.put(`/api/v1/clusters/${prepared.cluster.id}/changes`)
    expect(response.status).toBe(202)
    const ids = prepared.nodes.map((n) => String(n.id))
    return { ...prepared, supertask: response.body as Loose, ids }
  }

  const report = (ids: string[], status: string, progress: number) => ids.map((uid) => ({ uid, status, progress }))

  it('casts provisioning then deployment in one cast, and the deletion separately', async () => {
    const { supertask } = await started()
    expect(orchestrator.casts.map((cast) => cast.map((m) => [m.method, m.respond_to]))).toEqual([
      [
        ['image_provision', 'provision_resp'],
        ['granular_deploy', 'deploy_resp'],
      ],
    ])
    const tasks = await tasksOf(t, supertask.cluster)
    const [provision, deployment] = orchestrator.casts[0] as unknown as [Loose, Loose]
    expect(provision.args.task_uuid).toBe(tasks.find((x) => x.name === 'provision')?.uuid)
    expect(deployment.args.task_uuid).toBe(tasks.find((x) => x.name === 'deployment')?.uuid)
    expect(tasks.map((x) => [x.name, x.status])).toEqual([
      ['deploy', 'running'],
      ['provision', 'running'],
      ['deployment', 'running'],
    ])
  })

  it('rolls subtask progress up into the supertask by weight, and never moves it backwards', async () => {
    const { cluster, ids, supertask } = await started()
    const provision = orchestrator.last('image_provision')
    await orchestrator.respond(provision, { status: 'running', progress: 50, nodes: report(ids, 'provisioning', 50) })
    // provision weighs 0.4, deployment 1: 50 * 0.4 / 1.4
    expect((await t.get(`/api/v1/tasks/${supertask.id}`)).body.progress).toBe(14)
    await orchestrator.respond(provision, { status: 'running', progress: 20, nodes: report(ids, 'provisioning', 20) })
    expect((await t.get(`/api/v1/tasks/${supertask.id}`)).body.progress).toBe(14)
    expect((await nodesOf(t, cluster.id)).map((n) => n.progress)).toEqual([50, 50, 50])
  })

  it('applies a final response once: redelivered, it changes nothing and notifies nothing more', async () => {
    const { cluster, ids, supertask } = await started()
    const provision = orchestrator.last('image_provision')
    const deployment = orchestrator.last('granular_deploy')
    await orchestrator.respond(provision, { status: 'ready', progress: 100, nodes: report(ids, 'provisioned', 100) })
    const done = { status: 'ready' as const, progress: 100, nodes: report(ids, 'ready', 100) }
    await orchestrator.respond(deployment, done)
    const before = { notes: await notificationMessages(t), tasks: await tasksOf(t, cluster.id) }
    await orchestrator.respond(deployment, done)
    await orchestrator.respond(deployment, { status: 'running', progress: 30, nodes: report(ids, 'deploying', 30) })
    expect(await notificationMessages(t)).toEqual(before.notes)
    expect(await tasksOf(t, cluster.id)).toEqual(before.tasks)
    expect((await t.get(`/api/v1/tasks/${supertask.id}`)).body.status).toBe('ready')
    expect((await nodesOf(t, cluster.id)).map((n) => n.status)).toEqual(['ready', 'ready', 'ready'])
    expect(await clusterOf(t, cluster.id)).toMatchObject({ status: 'operational' })
  })

  it('never moves a node back along its path when reports arrive out of order', async () => {
    const { cluster, ids } = await started()
    const provision = orchestrator.last('image_provision')
    const deployment = orchestrator.last('granular_deploy')
    await orchestrator.respond(deployment, { status: 'running', progress: 10, nodes: report(ids, 'deploying', 10) })
    // A late provisioning report (another server consumed it later) must not undo the deploying state.
    await orchestrator.respond(provision, { status: 'ready', progress: 100, nodes: report(ids, 'provisioned', 100) })
    expect((await nodesOf(t, cluster.id)).map((n) => [n.status, n.progress])).toEqual(ids.map(() => ['deploying', 10]))
  })

  it('ignores responses for unknown tasks, of unknown methods, and about nodes the task does not own', async () => {
    const { cluster, ids } = await started()
    const stranger = await registerNode(t)
    await applyResponse(t.app.ctx, { method: 'deploy_resp', args: { task_uuid: 'no-such-task', status: 'ready' } })
    await applyResponse(t.app.ctx, { method: 'no_such_resp', args: { task_uuid: 'x' } })
    const provision = orchestrator.last('image_provision')
    await orchestrator.respond(provision, {
      status: 'running',
      progress: 5,
      nodes: [
        ...report(ids, 'provisioning', 5),
        { uid: String(stranger.id), status: 'error' },
        { uid: 'master', status: 'error' },
      ],
    })
    expect((await t.get(`/api/v1/nodes/${stranger.id}`)).body.status).toBe('discover')
    expect((await nodesOf(t, cluster.id)).every((n) => n.status === 'provisioning')).toBe(true)
  })

  it('deletes only the nodes the removal task asked for, whatever the response lists', async () => {
    const { cluster, nodes } = await prepareCluster(t, [['controller']])
    const [node] = nodes as [Loose]
    await t.app.ctx.database.db.updateTable('nodes').set({ status: 'ready' }).where('id', '=', node.id).execute()
    const other = (await prepareCluster(t, [['compute']])).nodes[0] as Loose
    const deletion = await t.delete(`/api/v1/nodes/${node.id}`)
    expect(deletion.status).toBe(202)
    await orchestrator.respond(orchestrator.last('remove_nodes'), {
      status: 'ready',
      progress: 100,
      nodes: [{ uid: String(node.id) }, { uid: String(other.id) }],
    })
    expect((await t.get(`/api/v1/nodes/${node.id}`)).status).toBe(404)
    expect((await t.get(`/api/v1/nodes/${other.id}`)).status).toBe(200)
    expect((await t.get(`/api/v1/tasks/${deletion.body.id}`)).body.status).toBe('ready')
    expect(await clusterOf(t, cluster.id)).toMatchObject({ id: cluster.id })
  })
})
