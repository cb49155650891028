/** What the end of `reset_environment` and `stop_deployment` does. */
import { addPendingChange, updateCluster } from '../../domain/cluster/index.js'
import type { TaskRecord } from '../../domain/task/index.js'
import { clusterOf, setClusterStatus, taskNodes } from './cluster-effects.js'
import { notify, type ReceiverContext, type TaskReport } from './receiver-context.js'
import { resetToDiscover } from './reset-node.js'

async function notifyFailure(rc: ReceiverContext, task: TaskRecord, report: TaskReport, what: string) {
  if (report.aborted) return
  const message = `${what} has failed. ${task.message ?? ''}`.trim()
  await notify(rc, { topic: 'error', message, clusterId: task.clusterId, taskId: task.id })
}

/** Every node back to bootstrap with its roles pending, the environment `new` with its settings to apply. */
export async function resetFinished(rc: ReceiverContext, task: TaskRecord, report: TaskReport): Promise<void> {
  const cluster = await clusterOf(rc, task)
  if (!cluster) return
  if (task.status === 'error') {
    await setClusterStatus(rc, task, 'error')
    return notifyFailure(rc, task, report, 'Reset of environment')
  }
  for (const node of await taskNodes(rc, task)) await resetToDiscover(rc, node)
  await updateCluster(rc.trx, cluster.id, { status: 'new' })
  for (const change of ['attributes', 'networks']) await addPendingChange(rc.trx, cluster.id, change)
  const message = `Environment '${cluster.name}' was successfully reset`
  await notify(rc, { topic: 'done', message, clusterId: cluster.id, taskId: task.id })
}

/** The nodes that were not ready when the stop was asked for go back to bootstrap. */
export async function stopFinished(rc: ReceiverContext, task: TaskRecord, report: TaskReport): Promise<void> {
  const cluster = await clusterOf(rc, task)
  if (!cluster) return
  if (task.status === 'error') {
    await setClusterStatus(rc, task, 'error')
    return notifyFailure(rc, task, report, 'Stop deployment')
  }
  for (const node of await taskNodes(rc, task)) {
    if (node.status !== 'ready') await resetToDiscover(rc, node)
  }
  await updateCluster(rc.trx, cluster.id, { status: 'stopped' })
  const message = `Deployment of environment '${cluster.name}' was successfully stopped`
  await notify(rc, { topic: 'done', message, clusterId: cluster.id, taskId: task.id })
}
