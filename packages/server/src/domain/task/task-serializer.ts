/**
 * The JSON the API shows for a task: Nailgun's TaskSerializer fields plus the LATEST transaction
 * fields (`parent_id`, `time_start`, `time_end`, `dry_run`, `graph_type`), one shape for both
 * `/tasks` and `/transactions` so clients of either era find what they read.
 */
import type { JsonObject } from '@nailgun/extensions'
import type { TaskRecord } from './task-repo.js'

export function serializeTask(task: TaskRecord): JsonObject {
  return {
    id: task.id,
    uuid: task.uuid,
    name: task.name,
    status: task.status,
    progress: task.progress,
    message: task.message,
    cluster: task.clusterId,
    parent_id: task.parentId,
    result: task.result,
    time_start: task.timeStart,
    time_end: task.timeEnd,
    // Dry runs and custom graphs are not supported: every task is a real run of the default graph.
    dry_run: false,
    graph_type: null,
  }
}
