/** What the end of `node_deletion` and `cluster_deletion` does. */
import { deleteClusterCascade } from '../../domain/cluster/index.js'
import type { TaskRecord } from '../../domain/task/index.js'
import { clusterOf, moveNodes, setClusterStatus } from './cluster-effects.js'
import { notify, type ReceiverContext, type TaskReport } from './receiver-context.js'

/** Nodes left `removing` by a failed or aborted deletion can be deleted again (`needs_redeletion`). */
export async function nodeDeletionFinished(rc: ReceiverContext, task: TaskRecord): Promise<void> {
  if (task.status === 'error') await moveNodes(rc, task, 'removing', { status: 'error', errorType: 'deletion' })
}

/**
 * Once the orchestrator cleaned the nodes, the environment goes with everything it owns (this
 * task included: nothing may update it afterwards).
 */
export async function clusterDeletionFinished(rc: ReceiverContext, task: TaskRecord, report: TaskReport) {
  const cluster = await clusterOf(rc, task)
  if (!cluster) return
  if (task.status === 'ready') {
    await deleteClusterCascade(rc.trx, cluster, rc.ctx.extensions)
    await notify(rc, { topic: 'done', message: `Environment '${cluster.name}' is deleted` })
    return
  }
  await moveNodes(rc, task, 'removing', { status: 'error', errorType: 'deletion' })
  await setClusterStatus(rc, task, 'error')
  if (!report.aborted) {
    const message = `Failed to delete environment '${cluster.name}': ${task.message ?? 'Unknown error'}`
    await notify(rc, { topic: 'error', message, clusterId: cluster.id, taskId: task.id })
  }
}
