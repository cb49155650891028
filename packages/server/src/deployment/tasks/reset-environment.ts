/**
 * `PUT /clusters/<id>/reset` (Nailgun's ResetEnvironmentTaskManager): the orchestrator returns
 * every node to bootstrap; then the nodes are `discover` with their roles pending again and the
 * environment is `new`. The previous deployment's tasks are obsolete and hidden.
 */
import type { AppContext } from '../../context.js'
import { findRelease } from '../../domain/release/index.js'
import {
  createTask,
  findTask,
  listTasks,
  softDeleteTaskTree,
  type TaskRecord,
  updateTask,
} from '../../domain/task/index.js'
import { clusterNodes } from '../facts-input.js'
import { loadEngine } from '../master.js'
import { dispatch } from './dispatch.js'
import { asCache, resetMessage } from './messages.js'
import { lockIdleCluster } from './task-guard.js'
import { TASK } from './task-names.js'

const OBSOLETE: readonly string[] = [TASK.deploy, TASK.deployment, TASK.provision, TASK.stopDeployment]

export async function resetEnvironment(ctx: AppContext, clusterId: number): Promise<TaskRecord> {
  const cast = await ctx.database.db.transaction().execute(async (trx) => {
    const cluster = await lockIdleCluster(ctx, trx, clusterId)
    for (const old of await listTasks(trx, { clusterId, name: OBSOLETE, parentId: null })) {
      await softDeleteTaskTree(trx, old.id)
    }
    const nodes = await clusterNodes(trx, clusterId)
    const release = await findRelease(trx, cluster.releaseId)
    const task = await createTask(trx, { name: TASK.resetEnvironment, clusterId })
    const message = resetMessage(task, nodes, await loadEngine(trx, release, cluster.netProvider))
    return { messages: [message], tasks: [await updateTask(trx, task.id, { cache: asCache(message) })] }
  })
  await dispatch(ctx, [cast])
  const [task] = cast.tasks as [TaskRecord]
  return (await findTask(ctx.database.db, task.id, { includeDeleted: true })) ?? task
}
