/**
 * After the launching transaction commits, its messages go to the orchestrator (never before: a
 * response must find its task). A task stays `pending` until its cast is accepted and becomes
 * `running` then, so a task still `pending` after a crash is known never to have been sent.
 * A cast that fails ends its tasks in error through the normal task ending (nodes, environment).
 */
import type { NailgunError } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.js'
import type { Database } from '../../db/schema.js'
import { lockCluster } from '../../domain/cluster/index.js'
import { findTask, type TaskRecord, updateTask } from '../../domain/task/index.js'
import type { OrchestratorMessage } from '../../orchestrator/types.js'
import { settleTask } from '../receiver/task-settle.js'

/** One unit of work for the orchestrator and the tasks (supertask included) it starts. */
export interface Cast {
  messages: OrchestratorMessage[]
  tasks: TaskRecord[]
}

export async function dispatch(ctx: AppContext, casts: readonly Cast[]): Promise<void> {
  for (const cast of casts) {
    try {
      await ctx.orchestrator.cast(cast.messages)
    } catch (error) {
      ctx.log.error({ err: error, tasks: cast.tasks.map((t) => t.uuid) }, 'Casting to the orchestrator failed')
      const reason = (error as NailgunError)?.message ?? String(error)
      await failTasks(ctx, cast.tasks, `Failed to send the task to the orchestrator: ${reason}`)
      continue
    }
    await markRunning(ctx, cast.tasks)
  }
}

async function markRunning(ctx: AppContext, tasks: readonly TaskRecord[]): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    // The receiver's lock order (environment, then tasks): the responses may already be arriving.
    await lockEnvironmentOf(ctx, trx, tasks)
    for (const task of tasks) {
      // A response may already have moved it on: only `pending` becomes `running`.
      const current = await findTask(trx, task.id, { includeDeleted: true })
      if (current?.status === 'pending') await updateTask(trx, task.id, { status: 'running' })
    }
  })
}

async function lockEnvironmentOf(ctx: AppContext, trx: Kysely<Database>, tasks: readonly TaskRecord[]) {
  const clusterId = tasks.find((t) => t.clusterId !== null)?.clusterId
  if (clusterId != null) await lockCluster(trx, ctx.database.dialect, clusterId)
}

/** Ends unfinished tasks in error, as if the orchestrator had said so (one transaction). */
export async function failTasks(ctx: AppContext, tasks: readonly TaskRecord[], message: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    await lockEnvironmentOf(ctx, trx, tasks)
    // Subtasks first: their failure rolls up into the supertask with the reason.
    for (const task of [...tasks].sort((a, b) => Number(a.parentId === null) - Number(b.parentId === null))) {
      const current = await findTask(trx, task.id, { includeDeleted: true })
      if (current) await settleTask({ ctx, trx }, current, { status: 'error', message })
    }
  })
}
