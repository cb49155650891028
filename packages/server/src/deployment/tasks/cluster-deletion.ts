/**
 * `DELETE /clusters/<id>` (Nailgun's ClusterDeletionManager): the environment is marked `remove`,
 * its undeployed nodes are deleted at once, its deployed ones wiped by the orchestrator; when it
 * answers (`remove_cluster_resp`) the environment and everything it owns are deleted. With no
 * deployed node, all of that happens in this one transaction and the task is returned finished.
 */
import type { AppContext } from '../../context.js'
import { updateCluster } from '../../domain/cluster/index.js'
import { createTask, findTask, type TaskRecord } from '../../domain/task/index.js'
import { clusterNodes } from '../facts-input.js'
import { settleTask } from '../receiver/task-settle.js'
import { type Cast, dispatch } from './dispatch.js'
import { launchDeletion } from './launch-deletion.js'
import { lockIdleCluster } from './task-guard.js'
import { TASK } from './task-names.js'

export async function deleteCluster(ctx: AppContext, clusterId: number): Promise<TaskRecord> {
  const { task, casts } = await ctx.database.db.transaction().execute(async (trx) => {
    const cluster = await lockIdleCluster(ctx, trx, clusterId)
    await updateCluster(trx, clusterId, { status: 'remove' })
    const nodes = await clusterNodes(trx, clusterId)
    const created = await createTask(trx, { name: TASK.clusterDeletion, clusterId })
    const deletion = await launchDeletion(ctx, trx, cluster, nodes, created, 'remove_cluster_resp')
    if (deletion.launched) {
      const casts: Cast[] = [{ messages: [deletion.launched.message], tasks: [deletion.task] }]
      return { task: deletion.task, casts }
    }
    // Deletes the environment, this task row included: answer with the finished task as it was.
    const done = await settleTask({ ctx, trx }, deletion.task, { status: 'ready' })
    return { task: done, casts: [] as Cast[] }
  })
  await dispatch(ctx, casts)
  return (await findTask(ctx.database.db, task.id, { includeDeleted: true })) ?? task
}
