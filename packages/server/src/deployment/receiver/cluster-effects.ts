/** Environment and node changes shared by several task endings. */
import type { ClusterObject, NodeErrorType, NodeObject, NodeStatus } from '@nailgun/extensions'
import { findCluster, updateCluster } from '../../domain/cluster/index.js'
import { listNodes, updateNode } from '../../domain/node/index.js'
import type { TaskRecord } from '../../domain/task/index.js'
import { messageNodeIds } from '../tasks/messages.js'
import type { ReceiverContext } from './receiver-context.js'

export async function clusterOf(rc: ReceiverContext, task: TaskRecord): Promise<ClusterObject | undefined> {
  return task.clusterId === null ? undefined : findCluster(rc.trx, task.clusterId)
}

/**
 * The nodes a task is about: those its message names, else (a supertask) the whole environment.
 * Nodes deleted or moved since are skipped.
 */
export async function taskNodes(rc: ReceiverContext, task: TaskRecord): Promise<NodeObject[]> {
  const ids = messageNodeIds(task)
  if (ids.length > 0) return (await listNodes(rc.trx, { ids })).filter((node) => node.clusterId === task.clusterId)
  return task.clusterId === null ? [] : listNodes(rc.trx, { clusterId: task.clusterId })
}

/** Nodes of the task still in `from` are ready (success) or failed (task error): leftovers no report settled. */
export async function moveNodes(
  rc: ReceiverContext,
  task: TaskRecord,
  from: NodeStatus,
  to: { status: 'ready' } | { status: 'error'; errorType: NodeErrorType },
): Promise<void> {
  for (const node of await taskNodes(rc, task)) {
    if (node.status !== from) continue
    const error = to.status === 'error' ? { errorType: to.errorType, errorMsg: task.message ?? 'Unknown error' } : {}
    await updateNode(rc.trx, node.id, { status: to.status, progress: 100, ...error })
  }
}

/**
 * After a successful deployment: `operational` when every node that stays is ready,
 * `partially_deployed` when only some are, `new` when none is; pending changes are applied.
 */
export async function settleClusterAfterDeployment(rc: ReceiverContext, clusterId: number): Promise<void> {
  const nodes = (await listNodes(rc.trx, { clusterId })).filter((node) => !node.pendingDeletion)
  const ready = nodes.filter((node) => node.status === 'ready').length
  const status = ready === 0 ? 'new' : ready === nodes.length ? 'operational' : 'partially_deployed'
  await updateCluster(rc.trx, clusterId, { status, pendingChanges: [] })
}

export async function setClusterStatus(rc: ReceiverContext, task: TaskRecord, status: ClusterObject['status']) {
  if (task.clusterId !== null) await updateCluster(rc.trx, task.clusterId, { status })
}

/**
 * A failed run puts an environment that was being deployed into `error`. Only from `deployment`:
 * a stop or reset that already settled the environment is not overridden by a late failure.
 */
export async function failDeployingCluster(rc: ReceiverContext, task: TaskRecord): Promise<void> {
  const cluster = await clusterOf(rc, task)
  if (cluster?.status === 'deployment') await updateCluster(rc.trx, cluster.id, { status: 'error' })
}
