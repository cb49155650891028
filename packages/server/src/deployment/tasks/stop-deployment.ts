/**
 * `PUT /clusters/<id>/stop_deployment` (Nailgun's StopDeploymentTaskManager): asks the
 * orchestrator to stop the running deployment (or provisioning). When it has, the environment is
 * `stopped` and the nodes that were not ready go back to bootstrap.
 */
import type { AppContext } from '../../context.js'
import { lockCluster } from '../../domain/cluster/index.js'
import { findRelease } from '../../domain/release/index.js'
import { createTask, findTask, type TaskRecord, updateTask } from '../../domain/task/index.js'
import { errors } from '../../errors.js'
import { clusterNodes } from '../facts-input.js'
import { loadEngine } from '../master.js'
import { dispatch } from './dispatch.js'
import { asCache, stopMessage } from './messages.js'
import { unfinishedTasks } from './task-guard.js'
import { EXCLUSIVE_TASKS, TASK } from './task-names.js'

export async function stopDeployment(ctx: AppContext, clusterId: number): Promise<TaskRecord> {
  const cast = await ctx.database.db.transaction().execute(async (trx) => {
    const cluster = await lockCluster(trx, ctx.database.dialect, clusterId)
    if (!cluster) throw errors.objectNotFound('Cluster')
    const running = await unfinishedTasks(trx, clusterId, EXCLUSIVE_TASKS)
    if (running.some((task) => task.name === TASK.stopDeployment)) {
      throw errors.taskConflict('Stopping deployment task is already launched')
    }
    // The deployment when there is one: stopping it also stops the provisioning queued before it.
    const target = running.find((t) => t.name === TASK.deployment) ?? running.find((t) => t.name === TASK.provision)
    if (!target) throw errors.deploymentNotRunning('Nothing to stop. Deployment is not running.')
    const nodes = (await clusterNodes(trx, clusterId)).filter((node) => node.status !== 'ready')
    const release = await findRelease(trx, cluster.releaseId)
    const task = await createTask(trx, { name: TASK.stopDeployment, clusterId })
    const message = stopMessage(task, target.uuid, nodes, await loadEngine(trx, release, cluster.netProvider))
    return { messages: [message], tasks: [await updateTask(trx, task.id, { cache: asCache(message) })] }
  })
  await dispatch(ctx, [cast])
  const [task] = cast.tasks as [TaskRecord]
  return (await findTask(ctx.database.db, task.id, { includeDeleted: true })) ?? task
}
