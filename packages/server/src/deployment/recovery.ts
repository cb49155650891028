/**
 * Restart safety. Tasks a previous server process left unfinished must not run forever:
 * - with the in-process orchestrator the simulation died with that process, so every `pending` or
 *   `running` task ends in error, and nodes left half-way (provisioning, deploying, removing) are
 *   put in error so that the next deployment retries them (`needs_reprovision` and friends);
 * - with AMQP the orchestrator is a separate process that keeps going and will answer, so only
 *   `pending` tasks (never cast, see tasks/dispatch.ts) are ended, with the nodes they name.
 * The in-process orchestrator serves one server: a second server on the same database would end
 * the first one's tasks here.
 */
import type { NodeErrorType, TaskStatus } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { AppContext } from '../context.js'
import type { Database } from '../db/schema.js'
import { type TaskRecord, toTaskRecord } from '../domain/task/index.js'
import { messageNodeIds } from './tasks/messages.js'

type Db = Kysely<Database>

export const INTERRUPTED_MESSAGE = 'Task was interrupted by a server restart; retry the operation'

const STRANDED: ReadonlyArray<[string, NodeErrorType]> = [
  ['provisioning', 'provision'],
  ['deploying', 'deploy'],
  ['removing', 'deletion'],
]

export interface RecoveryReport {
  tasks: number
  nodes: number
}

export async function recoverInterruptedTasks(ctx: AppContext): Promise<RecoveryReport> {
  const inProcess = ctx.orchestrator.kind === 'in-process'
  const statuses: TaskStatus[] = inProcess ? ['pending', 'running'] : ['pending']
  const report = await ctx.database.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('tasks').selectAll().where('status', 'in', statuses).execute()
    if (rows.length === 0) return { tasks: 0, nodes: 0 }
    const tasks = rows.map(toTaskRecord)
    await trx
      .updateTable('tasks')
      .set({ status: 'error', progress: 100, message: INTERRUPTED_MESSAGE, time_end: new Date().toISOString() })
      .where(
        'id',
        'in',
        tasks.map((t) => t.id),
      )
      .execute()
    // In-process, nothing survived; with AMQP only the nodes of the tasks never sent are stuck.
    const nodes = await failStrandedNodes(trx, inProcess ? 'all' : tasks.flatMap(messageNodeIds))
    await failIdleClusters(trx, tasks)
    return { tasks: tasks.length, nodes }
  })
  if (report.tasks > 0) ctx.log.warn(report, 'Tasks interrupted by the previous shutdown were marked as failed')
  return report
}

async function failStrandedNodes(trx: Db, scope: 'all' | number[]): Promise<number> {
  if (scope !== 'all' && scope.length === 0) return 0
  let count = 0
  for (const [status, errorType] of STRANDED) {
    let query = trx
      .updateTable('nodes')
      .set({ status: 'error', error_type: errorType, error_msg: INTERRUPTED_MESSAGE, progress: 100 })
      .where('status', '=', status)
    if (scope !== 'all') query = query.where('id', 'in', scope)
    const result = await query.executeTakeFirst()
    count += Number(result.numUpdatedRows)
  }
  return count
}

/** An environment left `deployment` or `remove` with nothing running on it any more is in error. */
async function failIdleClusters(trx: Db, tasks: readonly TaskRecord[]): Promise<void> {
  const clusters = [...new Set(tasks.map((t) => t.clusterId).filter((id): id is number => id !== null))]
  for (const clusterId of clusters) {
    const busy = await trx
      .selectFrom('tasks')
      .select('id')
      .where('cluster_id', '=', clusterId)
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirst()
    if (busy) continue
    await trx
      .updateTable('clusters')
      .set({ status: 'error' })
      .where('id', '=', clusterId)
      .where('status', 'in', ['deployment', 'remove'])
      .execute()
  }
}
