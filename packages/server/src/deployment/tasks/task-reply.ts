/** Nailgun's `raise_task`: 202 with the task while it runs, 200 once it is finished. */
import type { FastifyReply } from 'fastify'
import type { TaskRecord } from '../../domain/task/index.js'
import { serializeTask } from '../../domain/task/index.js'
import { isFinished } from './task-names.js'

export function sendTask(reply: FastifyReply, task: TaskRecord): FastifyReply {
  return reply.status(isFinished(task.status) ? 200 : 202).send(serializeTask(task))
}
