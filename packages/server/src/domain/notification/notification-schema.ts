/**
 * Request schemas of the notification routes. Status values are checked by hand so a bad one
 * answers Nailgun's "Bad status" rather than a schema message.
 */
import { type Static, Type } from 'typebox'
import { errors } from '../../errors.js'
import { PaginationQuery } from '../../http/pagination.js'
import { NOTIFICATION_STATUSES, type NotificationStatus } from './notification-repo.js'

export const NotificationListQuery = Type.Object({
  ...PaginationQuery,
  cluster_id: Type.Optional(Type.String({ maxLength: 20 })),
})
export type NotificationListQueryInput = Static<typeof NotificationListQuery>

/** `PUT /notifications/<id>` and `/notifications/change_status`: other fields are ignored. */
export const StatusBody = Type.Object({ status: Type.Optional(Type.Unknown()) })
export type StatusInput = Static<typeof StatusBody>

/** `PUT /notifications`: `[{id, status}, ...]`. */
export const BulkStatusBody = Type.Array(
  Type.Object({ id: Type.Optional(Type.Unknown()), status: Type.Optional(Type.Unknown()) }),
  { maxItems: 100_000 },
)
export type BulkStatusInput = Static<typeof BulkStatusBody>

export function checkStatus(value: unknown): NotificationStatus {
  if (typeof value !== 'string' || !(NOTIFICATION_STATUSES as readonly string[]).includes(value)) {
    throw errors.invalidData('Bad status')
  }
  return value as NotificationStatus
}
