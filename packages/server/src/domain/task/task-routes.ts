/**
 * `/tasks`, `/tasks/<id>`, `/transactions` and `/transactions/<id>`: the same rows, two views.
 * `/tasks` filters by `cluster_id` and `status`; `/transactions` takes LATEST's `statuses` and
 * `transaction_types`. Both page with `limit`/`offset`/`order_by` and `Content-Range`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { AppContext } from '../../context.js'
import { errors } from '../../errors.js'
import { type PageRequest, parseOrderBy, setContentRange } from '../../http/pagination.js'
import { IdParams } from '../../http/schemas.js'
import { parseClusterIdFilter } from '../cluster/cluster-filter.js'
import { TASK_ORDER_FIELDS, type TaskFilter } from './task-query.js'
import { findTask } from './task-repo.js'
import {
  ForceQuery,
  isForced,
  parseStatuses,
  parseTransactionTypes,
  TaskListQuery,
  type TaskListQueryInput,
  TransactionListQuery,
  type TransactionListQueryInput,
} from './task-schema.js'
import { serializeTask } from './task-serializer.js'
import { deleteTask, listTaskPage } from './task-service.js'

async function sendPage(ctx: AppContext, filter: TaskFilter, query: PageRequest, reply: FastifyReply) {
  const order = parseOrderBy(query.order_by, TASK_ORDER_FIELDS)
  const page = await listTaskPage(ctx, filter, { limit: query.limit, offset: query.offset, order })
  setContentRange(reply, query.offset ?? 0, page.tasks.length, page.total)
  return page.tasks.map(serializeTask)
}

function singleRoutes(api: FastifyInstance, ctx: AppContext, path: string, objectName: string): void {
  api.get(`${path}/:obj_id`, { schema: { params: IdParams } }, async (request) => {
    const { obj_id } = request.params as { obj_id: number }
    const task = await findTask(ctx.database.db, obj_id)
    if (!task) throw errors.objectNotFound(objectName)
    return serializeTask(task)
  })

  api.delete(`${path}/:obj_id`, { schema: { params: IdParams, querystring: ForceQuery } }, async (request, reply) => {
    const { obj_id } = request.params as { obj_id: number }
    const { force } = request.query as { force?: string }
    await deleteTask(ctx, obj_id, isForced(force), objectName)
    return reply.status(204).send()
  })
}

export function taskRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.get('/tasks', { schema: { querystring: TaskListQuery } }, async (request, reply) => {
    const query = request.query as TaskListQueryInput
    const filter = { clusterId: parseClusterIdFilter(query.cluster_id), status: parseStatuses(query.status, 'Status') }
    return sendPage(ctx, filter, query, reply)
  })
  singleRoutes(api, ctx, '/tasks', 'Task')

  api.get('/transactions', { schema: { querystring: TransactionListQuery } }, async (request, reply) => {
    const query = request.query as TransactionListQueryInput
    const filter = {
      clusterId: parseClusterIdFilter(query.cluster_id),
      status: parseStatuses(query.statuses, 'Statuses'),
      name: parseTransactionTypes(query.transaction_types),
    }
    return sendPage(ctx, filter, query, reply)
  })
  singleRoutes(api, ctx, '/transactions', 'Transaction')
}
