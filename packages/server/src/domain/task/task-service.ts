/**
 * Task operations behind the routes: paged listing and deletion with Nailgun's rule that only a
 * finished task may be deleted unless forced. Deleting a task hides its subtasks with it.
 */
import type { AppContext } from '../../context.js'
import { errors } from '../../errors.js'
import { countTasks, listTasks, type TaskFilter, type TaskPage } from './task-query.js'
import { softDeleteTaskTree, type TaskRecord } from './task-repo.js'

export interface TaskListResult {
  tasks: TaskRecord[]
  total: number
}

export async function listTaskPage(ctx: AppContext, filter: TaskFilter, page: TaskPage): Promise<TaskListResult> {
  const { db } = ctx.database
  const total = await countTasks(db, filter)
  const offset = page.offset ?? 0
  if (offset > 0 && offset >= total) throw errors.rangeNotSatisfiable(`Offset ${offset} is beyond the ${total} objects`)
  return { tasks: await listTasks(db, filter, page), total }
}

/**
 * `DELETE /tasks/<id>` and `/transactions/<id>`. `objectName` is what a 404 names ("Task" or
 * "Transaction", as Nailgun's handlers did).
 */
export async function deleteTask(ctx: AppContext, id: number, force: boolean, objectName: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const task = await trx
      .selectFrom('tasks')
      .select(['id', 'status'])
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!task) throw errors.objectNotFound(objectName)
    if (!force && task.status !== 'ready' && task.status !== 'error') {
      throw errors.taskRunning('You cannot delete running task manually')
    }
    await softDeleteTaskTree(trx, id)
  })
}
