/** What the end of `provision`, `deployment` and the `deploy` supertask does to nodes and environment. */
import type { TaskRecord } from '../../domain/task/index.js'
import {
  clusterOf,
  failDeployingCluster,
  moveNodes,
  setClusterStatus,
  settleClusterAfterDeployment,
} from './cluster-effects.js'
import { notify, type ReceiverContext, type TaskReport } from './receiver-context.js'

async function notifyFailure(rc: ReceiverContext, task: TaskRecord, report: TaskReport, what: string) {
  if (report.aborted) return
  await notify(rc, {
    topic: 'error',
    message: `${what} has failed. ${task.message ?? ''}`.trim(),
    clusterId: task.clusterId,
    taskId: task.id,
  })
}

export async function provisionFinished(rc: ReceiverContext, task: TaskRecord, report: TaskReport): Promise<void> {
  if (task.status === 'error') {
    await moveNodes(rc, task, 'provisioning', { status: 'error', errorType: 'provision' })
    await failDeployingCluster(rc, task)
    return notifyFailure(rc, task, report, 'Provision')
  }
  // Inside a `deploy` supertask the deployment follows: nothing to say yet.
  const cluster = await clusterOf(rc, task)
  if (task.parentId !== null || !cluster) return
  await setClusterStatus(rc, task, 'partially_deployed')
  await notify(rc, {
    topic: 'done',
    message: `Provision of environment '${cluster.name}' is done.`,
    clusterId: cluster.id,
    taskId: task.id,
  })
}

export async function deploymentFinished(rc: ReceiverContext, task: TaskRecord, report: TaskReport): Promise<void> {
  if (task.status === 'error') {
    await moveNodes(rc, task, 'deploying', { status: 'error', errorType: 'deploy' })
    await failDeployingCluster(rc, task)
    return notifyFailure(rc, task, report, 'Deployment')
  }
  await moveNodes(rc, task, 'deploying', { status: 'ready' })
  const cluster = await clusterOf(rc, task)
  if (!cluster) return
  await settleClusterAfterDeployment(rc, cluster.id)
  await notify(rc, {
    topic: 'done',
    message: `Deployment of environment '${cluster.name}' is done.`,
    clusterId: cluster.id,
    taskId: task.id,
  })
}

/** The subtasks did the work and the talking; the supertask settles the environment once more. */
export async function supertaskFinished(rc: ReceiverContext, task: TaskRecord): Promise<void> {
  if (task.clusterId === null) return
  if (task.status === 'error') return failDeployingCluster(rc, task)
  await settleClusterAfterDeployment(rc, task.clusterId)
}
