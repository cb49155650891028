/** Notification operations behind the routes, each write one transaction. */
import type { NotificationObject } from '@nailgun/extensions'
import type { AppContext } from '../../context.js'
import { errors } from '../../errors.js'
import {
  countNotifications,
  findNotification,
  findNotifications,
  listNotifications,
  type NotificationFilter,
  type NotificationPage,
  type NotificationStatus,
  setNotificationStatus,
} from './notification-repo.js'
import { type BulkStatusInput, checkStatus } from './notification-schema.js'

export async function listNotificationPage(ctx: AppContext, filter: NotificationFilter, page: NotificationPage) {
  const { db } = ctx.database
  const total = await countNotifications(db, filter)
  const offset = page.offset ?? 0
  if (offset > 0 && offset >= total) throw errors.rangeNotSatisfiable(`Offset ${offset} is beyond the ${total} objects`)
  return { notifications: await listNotifications(db, filter, page), total }
}

export async function changeNotificationStatus(ctx: AppContext, id: number, status: unknown) {
  return ctx.database.db.transaction().execute(async (trx) => {
    if (!(await findNotification(trx, id))) throw errors.objectNotFound('Notification')
    await setNotificationStatus(trx, checkStatus(status), [id])
    return (await findNotification(trx, id)) as NotificationObject
  })
}

interface StatusChange {
  id: number
  status: NotificationStatus
}

/** Checks the shape of every item before anything is read or written (`validate_collection_update`). */
function checkBulk(items: BulkStatusInput): StatusChange[] {
  return items.map((item) => {
    if (typeof item.id !== 'number' || !Number.isInteger(item.id)) throw errors.invalidData('ID is not set correctly')
    if (item.status === undefined) throw errors.invalidData('Status is not set correctly')
    return { id: item.id, status: checkStatus(item.status) }
  })
}

/**
 * `PUT /notifications`: all items or none, in one UPDATE per status (the UI marks hundreds at
 * once). An id listed twice gets its last status. Answers one notification per item, in order.
 */
export async function changeStatuses(ctx: AppContext, items: BulkStatusInput): Promise<NotificationObject[]> {
  const changes = checkBulk(items)
  return ctx.database.db.transaction().execute(async (trx) => {
    const ids = changes.map((c) => c.id)
    const existing = await findNotifications(trx, ids)
    if (ids.some((id) => !existing.has(id))) throw errors.invalidData('Invalid ID specified')
    const finalStatus = new Map(changes.map((c) => [c.id, c.status]))
    for (const status of ['read', 'unread'] as const) {
      const target = [...finalStatus].filter(([, s]) => s === status).map(([id]) => id)
      await setNotificationStatus(trx, status, target)
    }
    const updated = await findNotifications(trx, ids)
    return ids.map((id) => updated.get(id) as NotificationObject)
  })
}

/** `PUT /notifications/change_status`: every notification gets the status. */
export async function changeAllStatuses(ctx: AppContext, status: unknown): Promise<void> {
  const checked = checkStatus(status)
  await ctx.database.db.transaction().execute((trx) => setNotificationStatus(trx, checked))
}
