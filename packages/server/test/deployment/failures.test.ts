import { BaseExtension, type ClusterObject, InputError, type NodeObject } from '@nailgun/extensions'
import { createTestApp, prepareCluster, type TestApp, waitForTask } from '@nailgun/testing'
import { afterEach, describe, expect, it } from 'vitest'
import type { InjectedFailure } from '../../src/orchestrator/index.js'
import { clusterOf, type Loose, nodesOf, notificationMessages, RecordingTransport, tasksOf } from './helpers.js'

class DiskCheck extends BaseExtension {
  readonly name = 'disk_check'
  readonly version = '1.0.0'
  readonly description = 'Refuses every deployment'
  seen: number[][] = []
  onBeforeDeploymentCheck = (_cluster: ClusterObject, nodes: NodeObject[]) => {
    this.seen.push(nodes.map((n) => n.id))
    throw new InputError('NG_EXT_DISK', 'Not enough free space on node-1')
  }
}

describe('deployment failures', () => {
  let t: TestApp
  let orchestrator: RecordingTransport

  afterEach(async () => {
    await t.close()
  })

  async function withFailures(failures: (ids: number[]) => InjectedFailure[]) {
    // Node ids of a fresh database are 1, 2, 3: the failures can name them before the app starts.
    orchestrator = new RecordingTransport({ stepMs: 0, failures: failures([1, 2, 3]) })
    t = await createTestApp({ orchestrator })
    const { cluster, nodes } = await prepareCluster(t)
    expect(nodes.map((n) => n.id)).toEqual([1, 2, 3])
    const response = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    return { cluster, nodes, task: await waitForTask(t, response.body.id) }
  }

  it('ends in error naming the node that failed provisioning: node error/provision, environment error', async () => {
    const { cluster, task } = await withFailures(([, compute]) => [
      { uid: String(compute), stage: 'provision', message: 'disk /dev/sda not found' },
    ])
    expect(task.status).toBe('error')
    expect(task.message).toContain("Failed to provision node '2': disk /dev/sda not found")
    const nodes = await nodesOf(t, cluster.id)
    expect(nodes.find((n) => n.id === 2)).toMatchObject({
      status: 'error',
      error_type: 'provision',
      error_msg: 'disk /dev/sda not found',
      progress: 100,
    })
    expect(await clusterOf(t, cluster.id)).toMatchObject({ status: 'error' })
    const tasks = await tasksOf(t, cluster.id)
    expect(tasks.map((x) => [x.name, x.status])).toEqual([
      ['deploy', 'error'],
      ['provision', 'error'],
      ['deployment', 'error'],
    ])
    expect(tasks.find((x) => x.name === 'deployment')?.message).toBe('Task aborted')
    expect((await notificationMessages(t)).some((m) => m.startsWith('Provision has failed.'))).toBe(true)
  })

  it('marks a node that failed deployment error/deploy and notifies about it', async () => {
    const { cluster, task } = await withFailures(() => [{ uid: '3', stage: 'deploy', message: 'puppet failed' }])
    expect(task.status).toBe('error')
    expect(task.message).toContain("Failed to deploy node '3': puppet failed")
    const nodes = await nodesOf(t, cluster.id)
    expect(nodes.map((n) => [n.id, n.status, n.error_type])).toEqual([
      [1, 'ready', null],
      [2, 'ready', null],
      [3, 'error', 'deploy'],
    ])
    expect(await clusterOf(t, cluster.id)).toMatchObject({ status: 'error' })
    const name = nodes[2]?.name
    expect(await notificationMessages(t)).toContain(`Failed to deploy node '${name}': puppet failed`)
  })

  it('stops before anything happens when an extension refuses the deployment, with its message', async () => {
    const check = new DiskCheck()
    t = await createTestApp({ extensions: [check] })
    const { cluster, nodes } = await prepareCluster(t)
    expect((await t.put(`/api/v1/clusters/${cluster.id}/extensions`, ['disk_check'])).status).toBe(200)
    const response = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ name: 'deploy', status: 'error', message: 'Not enough free space on node-1' })
    expect(check.seen).toEqual([nodes.map((n) => n.id)])
    const tasks = await tasksOf(t, cluster.id)
    expect(tasks.map((x) => [x.name, x.status, x.message])).toEqual([
      ['deploy', 'error', 'Not enough free space on node-1'],
      ['check_before_deployment', 'error', 'Not enough free space on node-1'],
    ])
    // Nothing was prepared: the nodes and the environment are as they were.
    expect((await nodesOf(t, cluster.id)).map((n: Loose) => [n.status, n.pending_addition, n.roles])).toEqual(
      nodes.map(() => ['discover', true, []]),
    )
    expect(await clusterOf(t, cluster.id)).toMatchObject({ status: 'new' })
  })

  it('skips the check when the facts were replaced by the user, as Nailgun does', async () => {
    const check = new DiskCheck()
    t = await createTestApp({ extensions: [check] })
    const { cluster } = await prepareCluster(t)
    await t.put(`/api/v1/clusters/${cluster.id}/extensions`, ['disk_check'])
    expect(
      (await t.put(`/api/v1/clusters/${cluster.id}/orchestrator/provisioning`, { engine: { url: 'x' } })).status,
    ).toBe(200)
    const response = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(response.status).toBe(202)
    expect(check.seen).toEqual([])
    expect(await waitForTask(t, response.body.id)).toMatchObject({ status: 'ready' })
  })

  it('provisions again only the node that failed, and deploys every node not deployed yet', async () => {
    const { cluster } = await withFailures(() => [{ uid: '1', stage: 'provision' }])
    expect((await nodesOf(t, cluster.id)).map((n) => n.status)).toEqual(['error', 'provisioned', 'provisioned'])
    const before = orchestrator.messages.length
    const again = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(again.status).toBe(202)
    await waitForTask(t, again.body.id)
    const [provision, deployment] = orchestrator.messages.slice(before) as unknown as [Loose, Loose]
    const uids = (list: Loose[]) => list.map((node) => node.uid)
    expect(provision.method).toBe('image_provision')
    expect(uids(provision.args.provisioning_info.nodes)).toEqual(['1'])
    expect(deployment.method).toBe('granular_deploy')
    expect(uids(deployment.args.deployment_info.nodes)).toEqual(['1', '2', '3'])
  })
})
