/** Task rows as objects: the SDK's TaskObject plus the fields the core needs. */
import type { Json, JsonObject, TaskObject, TaskStatus } from '@nailgun/extensions'
import type { Selectable } from 'kysely'
import { fromJson } from '../../db/dialect.js'
import type { TaskTable } from '../../db/schema.js'

/** A task with the fields the SDK's TaskObject leaves out. */
export interface TaskRecord extends TaskObject {
  weight: number
  /** The RPC message sent for this task (Nailgun's `cache`). */
  cache: JsonObject
  timeStart: string | null
  timeEnd: string | null
}

export function toTaskRecord(row: Selectable<TaskTable>): TaskRecord {
  return {
    id: row.id,
    uuid: row.uuid,
    name: row.name,
    status: row.status as TaskStatus,
    progress: row.progress,
    message: row.message,
    clusterId: row.cluster_id,
    parentId: row.parent_id,
    result: fromJson<Json>(row.result, {}),
    weight: Number(row.weight),
    cache: fromJson(row.cache, {}),
    timeStart: row.time_start,
    timeEnd: row.time_end,
  }
}
