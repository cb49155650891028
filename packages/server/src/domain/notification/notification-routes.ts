/**
 * `/notifications` (GET paged, `?cluster_id=`; PUT bulk status), `/notifications/<id>` (GET, PUT
 * status), `/notifications/stats` and `/notifications/change_status` (LATEST: every
 * notification at once; PUT as Nailgun, POST accepted too).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import { errors } from '../../errors.js'
import { parseOrderBy, setContentRange } from '../../http/pagination.js'
import { IdParams } from '../../http/schemas.js'
import { parseClusterIdFilter } from '../cluster/cluster-filter.js'
import { findNotification, NOTIFICATION_ORDER_FIELDS, notificationStats } from './notification-repo.js'
import {
  BulkStatusBody,
  type BulkStatusInput,
  NotificationListQuery,
  type NotificationListQueryInput,
  StatusBody,
  type StatusInput,
} from './notification-schema.js'
import { serializeNotification } from './notification-serializer.js'
import {
  changeAllStatuses,
  changeNotificationStatus,
  changeStatuses,
  listNotificationPage,
} from './notification-service.js'

function collectionRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.get('/notifications', { schema: { querystring: NotificationListQuery } }, async (request, reply) => {
    const query = request.query as NotificationListQueryInput
    const order = parseOrderBy(query.order_by, NOTIFICATION_ORDER_FIELDS)
    const filter = { clusterId: parseClusterIdFilter(query.cluster_id) }
    const page = await listNotificationPage(ctx, filter, { limit: query.limit, offset: query.offset, order })
    setContentRange(reply, query.offset ?? 0, page.notifications.length, page.total)
    return page.notifications.map(serializeNotification)
  })

  api.put('/notifications', { schema: { body: BulkStatusBody } }, async (request) => {
    const updated = await changeStatuses(ctx, request.body as BulkStatusInput)
    return updated.map(serializeNotification)
  })

  api.get('/notifications/stats', async () => notificationStats(ctx.database.db))

  // The handler's result is None in Nailgun: a JSON null body.
  const changeAll = async (request: FastifyRequest, reply: FastifyReply) => {
    await changeAllStatuses(ctx, (request.body as StatusInput).status)
    return reply.status(200).type('application/json').send('null')
  }
  api.put('/notifications/change_status', { schema: { body: StatusBody } }, changeAll)
  api.post('/notifications/change_status', { schema: { body: StatusBody } }, changeAll)
}

function singleRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.get('/notifications/:obj_id', { schema: { params: IdParams } }, async (request) => {
    const { obj_id } = request.params as { obj_id: number }
    const notification = await findNotification(ctx.database.db, obj_id)
    if (!notification) throw errors.objectNotFound('Notification')
    return serializeNotification(notification)
  })

  api.put('/notifications/:obj_id', { schema: { params: IdParams, body: StatusBody } }, async (request) => {
    const { obj_id } = request.params as { obj_id: number }
    const notification = await changeNotificationStatus(ctx, obj_id, (request.body as StatusInput).status)
    return serializeNotification(notification)
  })
}

export function notificationRoutes(api: FastifyInstance, ctx: AppContext): void {
  collectionRoutes(api, ctx)
  singleRoutes(api, ctx)
}
