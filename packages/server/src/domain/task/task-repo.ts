/**
 * Task rows (Nailgun's `tasks`, also served as "transactions"): creation, updates, lookups and
 * listing for the REST routes and for the deployment code that drives tasks. Deletion through the
 * API is soft (`deleted_at`), as Nailgun keeps finished tasks for the deployment history.
 */
import type { Json, JsonObject, TaskStatus } from '@nailgun/extensions'
import { type Kysely, sql } from 'kysely'
import { type DialectName, forUpdate, toJson } from '../../db/dialect.js'
import type { Database } from '../../db/schema.js'
import { type TaskRecord, toTaskRecord } from './task-mapper.js'

// Mapping and listing live in their own files, re-exported: callers import task rows from here.
export { type TaskRecord, toTaskRecord } from './task-mapper.js'
export { countTasks, listTasks, TASK_ORDER_FIELDS, type TaskFilter, type TaskPage } from './task-query.js'

type Db = Kysely<Database>

export interface NewTask {
  name: string
  clusterId?: number | null
  parentId?: number | null
  /** Share of the parent's progress (Nailgun's subtask weight). Default 1. */
  weight?: number
  status?: TaskStatus
  progress?: number
  message?: string | null
  result?: Json
  cache?: JsonObject
}

const FINISHED: readonly TaskStatus[] = ['ready', 'error']

export async function createTask(db: Db, input: NewTask): Promise<TaskRecord> {
  const status = input.status ?? 'pending'
  const now = new Date().toISOString()
  const row = await db
    .insertInto('tasks')
    .values({
      uuid: crypto.randomUUID(),
      name: input.name,
      cluster_id: input.clusterId ?? null,
      parent_id: input.parentId ?? null,
      weight: input.weight ?? 1,
      status,
      progress: input.progress ?? 0,
      message: input.message ?? null,
      result: toJson(input.result ?? {}),
      cache: toJson(input.cache ?? {}),
      time_start: status === 'pending' ? null : now,
      time_end: FINISHED.includes(status) ? now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toTaskRecord(row)
}

export interface TaskPatch {
  status?: TaskStatus
  progress?: number
  message?: string | null
  result?: Json
  cache?: JsonObject
  weight?: number
}

/**
 * Writes the given fields. The first move out of `pending` stamps `time_start` and the first move
 * to ready/error stamps `time_end` (in SQL, so concurrent updates cannot overwrite an earlier
 * stamp). Cluster and parent status propagation is the caller's business.
 */
export async function updateTask(db: Db, id: number, patch: TaskPatch): Promise<TaskRecord> {
  const now = new Date().toISOString()
  const values: Record<string, unknown> = {}
  if (patch.status !== undefined) values.status = patch.status
  if (patch.progress !== undefined) values.progress = patch.progress
  if (patch.message !== undefined) values.message = patch.message
  if (patch.result !== undefined) values.result = toJson(patch.result)
  if (patch.cache !== undefined) values.cache = toJson(patch.cache)
  if (patch.weight !== undefined) values.weight = patch.weight
  if (patch.status !== undefined && patch.status !== 'pending') values.time_start = sql`coalesce(time_start, ${now})`
  if (patch.status !== undefined && FINISHED.includes(patch.status)) values.time_end = sql`coalesce(time_end, ${now})`
  if (Object.keys(values).length === 0) {
    const current = await findTask(db, id, { includeDeleted: true })
    if (!current) throw new Error(`task ${id} vanished`)
    return current
  }
  const row = await db.updateTable('tasks').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
  return toTaskRecord(row)
}

export async function findTask(
  db: Db,
  id: number,
  options: { includeDeleted?: boolean } = {},
): Promise<TaskRecord | undefined> {
  let query = db.selectFrom('tasks').selectAll().where('id', '=', id)
  if (!options.includeDeleted) query = query.where('deleted_at', 'is', null)
  const row = await query.executeTakeFirst()
  return row && toTaskRecord(row)
}

export async function findTaskByUuid(db: Db, uuid: string): Promise<TaskRecord | undefined> {
  const row = await db.selectFrom('tasks').selectAll().where('uuid', '=', uuid).executeTakeFirst()
  return row && toTaskRecord(row)
}

/** Reads a task by uuid and locks it until the transaction ends (orchestrator responses race). */
export async function lockTaskByUuid(db: Db, dialect: DialectName, uuid: string): Promise<TaskRecord | undefined> {
  const row = await forUpdate(dialect, db.selectFrom('tasks').selectAll().where('uuid', '=', uuid)).executeTakeFirst()
  return row && toTaskRecord(row)
}

/** The ids of a task and all its descendants (subtasks, their subtasks...). */
export async function taskTreeIds(db: Db, id: number): Promise<number[]> {
  const ids = [id]
  let frontier = [id]
  while (frontier.length > 0) {
    const children = await db.selectFrom('tasks').select('id').where('parent_id', 'in', frontier).execute()
    frontier = children.map((c) => c.id).filter((c) => !ids.includes(c))
    ids.push(...frontier)
  }
  return ids
}

/** Hides a task and its subtasks from every view; the rows stay for the history. */
export async function softDeleteTaskTree(db: Db, id: number): Promise<number[]> {
  const ids = await taskTreeIds(db, id)
  await db
    .updateTable('tasks')
    .set({ deleted_at: new Date().toISOString() })
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute()
  return ids
}

/** Removes every task row of an environment (environment deletion). */
export async function deleteClusterTasks(db: Db, clusterId: number): Promise<void> {
  await db.deleteFrom('tasks').where('cluster_id', '=', clusterId).execute()
}
