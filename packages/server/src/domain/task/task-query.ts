/** Task listing with filters and pagination done by the database. */
import type { TaskStatus } from '@nailgun/extensions'
import type { Kysely, SelectQueryBuilder } from 'kysely'
import { applyPage } from '../../db/paging.js'
import type { Database } from '../../db/schema.js'
import type { OrderTerm } from '../../http/pagination.js'
import { type TaskRecord, toTaskRecord } from './task-mapper.js'

type Db = Kysely<Database>

export interface TaskFilter {
  /** A number: that environment; null: tasks of no environment; undefined: all. */
  clusterId?: number | null
  status?: TaskStatus | readonly TaskStatus[]
  name?: string | readonly string[]
  /** A number: subtasks of that task; null: top-level tasks; undefined: all. */
  parentId?: number | null
  includeDeleted?: boolean
}

export const TASK_ORDER_FIELDS = [
  'id',
  'name',
  'status',
  'progress',
  'cluster_id',
  'parent_id',
  'time_start',
  'time_end',
] as const
export type TaskOrderField = (typeof TASK_ORDER_FIELDS)[number]

export interface TaskPage {
  limit?: number
  offset?: number
  order?: OrderTerm<TaskOrderField>[]
}

type TaskQuery = SelectQueryBuilder<Database, 'tasks', object>

const asList = <T>(value: T | readonly T[]): T[] => (Array.isArray(value) ? [...value] : [value as T])

function applyFilter(query: TaskQuery, filter: TaskFilter): TaskQuery {
  let q = query
  if (!filter.includeDeleted) q = q.where('deleted_at', 'is', null)
  if (filter.clusterId === null) q = q.where('cluster_id', 'is', null)
  else if (filter.clusterId !== undefined) q = q.where('cluster_id', '=', filter.clusterId)
  if (filter.parentId === null) q = q.where('parent_id', 'is', null)
  else if (filter.parentId !== undefined) q = q.where('parent_id', '=', filter.parentId)
  if (filter.status !== undefined) q = whereIn(q, 'status', asList(filter.status))
  if (filter.name !== undefined) q = whereIn(q, 'name', asList(filter.name))
  return q
}

function whereIn(query: TaskQuery, column: 'status' | 'name', values: string[]): TaskQuery {
  return values.length === 0 ? query.where((eb) => eb.lit(false)) : query.where(column, 'in', values)
}

export async function countTasks(db: Db, filter: TaskFilter = {}): Promise<number> {
  const row = await applyFilter(db.selectFrom('tasks'), filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function listTasks(db: Db, filter: TaskFilter = {}, page: TaskPage = {}): Promise<TaskRecord[]> {
  const query = applyPage(applyFilter(db.selectFrom('tasks'), filter).selectAll(), page)
  return (await query.execute()).map(toTaskRecord)
}
