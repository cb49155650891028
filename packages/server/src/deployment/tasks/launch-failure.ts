/**
 * Nailgun's `_call_silently`: when preparing a run fails after its task was created (a failed
 * pre-deployment check, facts that cannot be built), the preparation is rolled back and the task
 * ends in `error` with the reason as its message, in a transaction of its own.
 */
import { ExtensionError } from '@nailgun/extensions'
import type { AppContext } from '../../context.js'
import { lockCluster } from '../../domain/cluster/index.js'
import { createTask, findTask, type TaskRecord } from '../../domain/task/index.js'
import { settleTask } from '../receiver/task-settle.js'
import { TASK } from './task-names.js'

/** Thrown when `onBeforeDeploymentCheck` refused the deployment. */
export class DeploymentCheckFailed extends Error {
  constructor(readonly reason: unknown) {
    super(failureMessage(reason), { cause: reason })
  }
}

/** The message a task keeps: what the extension or the serializer said, without the host's wrapping. */
export function failureMessage(error: unknown): string {
  if (error instanceof DeploymentCheckFailed) return error.message
  if (error instanceof ExtensionError && error.cause instanceof Error) return error.cause.message
  return error instanceof Error ? error.message : String(error)
}

export async function recordLaunchFailure(ctx: AppContext, task: TaskRecord, error: unknown): Promise<void> {
  const message = failureMessage(error)
  const known =
    error instanceof DeploymentCheckFailed || error instanceof ExtensionError || (error as { status?: number })?.status
  if (!known) ctx.log.error({ err: error, task: task.uuid }, 'Preparing a task failed')
  await ctx.database.db.transaction().execute(async (trx) => {
    if (task.clusterId !== null) await lockCluster(trx, ctx.database.dialect, task.clusterId)
    const current = await findTask(trx, task.id)
    if (!current) return
    if (error instanceof DeploymentCheckFailed) {
      // Nailgun keeps the failed check as a subtask of the deployment.
      await createTask(trx, {
        name: TASK.checkBeforeDeployment,
        clusterId: task.clusterId,
        parentId: task.id,
        status: 'error',
        progress: 100,
        message,
      })
    }
    await settleTask({ ctx, trx }, current, { status: 'error', message })
  })
}
