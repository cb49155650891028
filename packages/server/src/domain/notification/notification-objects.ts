/** The `notifications` part of the objects API (`ctx.objects.notifications`), in the caller's transaction. */
import type { ObjectsApi } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { createNotification, listNotifications } from './notification-repo.js'

export function notificationObjectsApi(db: Kysely<Database>): ObjectsApi['notifications'] {
  return { list: (filter) => listNotifications(db, filter), create: (input) => createNotification(db, input) }
}
