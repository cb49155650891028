/** Starting a task-based operation and following it (or not, with `--no-wait`). */
import type { ApiClient, Json, Query } from './api-client.js'
import type { CommonOptions } from './common.js'
import { printData, printObject } from './format.js'
import { type ClientIo, EXIT } from './io.js'
import { watchTask } from './progress.js'

export const TASK_FIELDS = ['id', 'uuid', 'name', 'status', 'progress', 'message', 'cluster', 'time_start', 'time_end']

export async function runOperation(
  client: ApiClient,
  io: ClientIo,
  options: CommonOptions,
  request: { method: 'PUT' | 'DELETE'; path: string; query?: Query; clusterId?: number | null },
): Promise<number> {
  const { body: task } = await client.request<Json>(request.method, request.path, undefined, request.query)
  if (options.wait === false) {
    printObject(io, options, task, TASK_FIELDS)
    // A task can fail before it starts (checks): that is answered at once, with the task in error.
    return task.status === 'error' ? EXIT.taskFailed : EXIT.ok
  }
  return followTask(client, io, options, task, request.clusterId)
}

export async function followTask(
  client: ApiClient,
  io: ClientIo,
  options: CommonOptions,
  task: Json,
  clusterId?: number | null,
): Promise<number> {
  const code = await watchTask(client, io, task, { clusterId, quiet: Boolean(options.json || options.yaml) })
  if (options.json || options.yaml) {
    const final = await client.task(task.id).catch(() => task)
    printData(io, options, final)
  }
  return code
}
