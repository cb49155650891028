/**
 * Notification rows: the one insert every slice uses (`createNotification`), lookups, paged
 * listing, status changes and the read/unread counts.
 */
import type { NotificationObject } from '@nailgun/extensions'
import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely'
import { applyPage } from '../../db/paging.js'
import type { Database, NotificationTable } from '../../db/schema.js'
import { errors } from '../../errors.js'
import type { OrderTerm } from '../../http/pagination.js'

type Db = Kysely<Database>

export type NotificationTopic = NotificationObject['topic']
export type NotificationStatus = NotificationObject['status']

export const NOTIFICATION_TOPICS: readonly NotificationTopic[] = ['discover', 'done', 'error', 'warning', 'release']
export const NOTIFICATION_STATUSES: readonly NotificationStatus[] = ['read', 'unread']

export function toNotificationObject(row: Selectable<NotificationTable>): NotificationObject {
  return {
    id: row.id,
    topic: row.topic as NotificationTopic,
    message: row.message,
    status: row.status as NotificationStatus,
    clusterId: row.cluster_id,
    nodeId: row.node_id,
    taskId: row.task_id,
    datetime: row.datetime,
  }
}

export interface NewNotification {
  topic: NotificationTopic
  message: string
  clusterId?: number | null
  nodeId?: number | null
  taskId?: number | null
}

/**
 * Files a new, unread notification in the caller's transaction. A `discover` notification must
 * name its node (Nailgun's rule: the UI links it to the node).
 */
export async function createNotification(db: Db, input: NewNotification): Promise<NotificationObject> {
  if (!NOTIFICATION_TOPICS.includes(input.topic)) {
    throw errors.invalidData('Notification topic is not found or invalid')
  }
  if (input.topic === 'discover' && (input.nodeId === undefined || input.nodeId === null)) {
    throw errors.invalidData('No node id in discover notification')
  }
  const row = await db
    .insertInto('notifications')
    .values({
      topic: input.topic,
      message: input.message,
      status: 'unread',
      cluster_id: input.clusterId ?? null,
      node_id: input.nodeId ?? null,
      task_id: input.taskId ?? null,
      datetime: new Date().toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toNotificationObject(row)
}

export async function findNotification(db: Db, id: number): Promise<NotificationObject | undefined> {
  const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toNotificationObject(row)
}

export interface NotificationFilter {
  /** A number: that environment; null: notifications of no environment; undefined: all. */
  clusterId?: number | null
  nodeId?: number
  status?: NotificationStatus
}

export const NOTIFICATION_ORDER_FIELDS = [
  'id',
  'datetime',
  'status',
  'topic',
  'cluster_id',
  'node_id',
  'task_id',
] as const
export type NotificationOrderField = (typeof NOTIFICATION_ORDER_FIELDS)[number]

export interface NotificationPage {
  limit?: number
  offset?: number
  order?: OrderTerm<NotificationOrderField>[]
}

type NotificationQuery = SelectQueryBuilder<Database, 'notifications', object>

function applyFilter(query: NotificationQuery, filter: NotificationFilter): NotificationQuery {
  let q = query
  if (filter.clusterId === null) q = q.where('cluster_id', 'is', null)
  else if (filter.clusterId !== undefined) q = q.where('cluster_id', '=', filter.clusterId)
  if (filter.nodeId !== undefined) q = q.where('node_id', '=', filter.nodeId)
  if (filter.status !== undefined) q = q.where('status', '=', filter.status)
  return q
}

export async function countNotifications(db: Db, filter: NotificationFilter = {}): Promise<number> {
  const row = await applyFilter(db.selectFrom('notifications'), filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function listNotifications(
  db: Db,
  filter: NotificationFilter = {},
  page: NotificationPage = {},
): Promise<NotificationObject[]> {
  const query = applyPage(applyFilter(db.selectFrom('notifications'), filter).selectAll(), page)
  return (await query.execute()).map(toNotificationObject)
}

/** Both drivers cap bound parameters per statement; long id lists go in slices of this size. */
const CHUNK = 1000

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

/** The notifications with these ids that exist, by id. */
export async function findNotifications(db: Db, ids: readonly number[]): Promise<Map<number, NotificationObject>> {
  const found = new Map<number, NotificationObject>()
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom('notifications').selectAll().where('id', 'in', part).execute()
    for (const row of rows) found.set(row.id, toNotificationObject(row))
  }
  return found
}

/** Sets the status of the given notifications, or of all of them when `ids` is omitted. */
export async function setNotificationStatus(
  db: Db,
  status: NotificationStatus,
  ids?: readonly number[],
): Promise<void> {
  if (!ids) {
    await db.updateTable('notifications').set({ status }).execute()
    return
  }
  for (const part of chunks([...new Set(ids)])) {
    await db.updateTable('notifications').set({ status }).where('id', 'in', part).execute()
  }
}

/** `{total, read, unread}`, every status present even at zero (Nailgun's `get_statuses_with_count`). */
export async function notificationStats(db: Db): Promise<Record<'total' | NotificationStatus, number>> {
  const rows = await db
    .selectFrom('notifications')
    .select((eb) => ['status', eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute()
  const stats = { total: 0, read: 0, unread: 0 }
  for (const row of rows) {
    const n = Number(row.n)
    if (row.status === 'read' || row.status === 'unread') stats[row.status] += n
    stats.total += n
  }
  return stats
}

/** Environment deletion keeps the history: notifications lose their environment, as in Nailgun. */
export async function detachClusterNotifications(db: Db, clusterId: number): Promise<void> {
  await db.updateTable('notifications').set({ cluster_id: null }).where('cluster_id', '=', clusterId).execute()
}
