/**
 * The JSON the API shows for a notification: Nailgun's NotificationSerializer fields plus the
 * `time` (`HH:MM:SS`) and `date` (`DD-MM-YYYY`) strings fuel-ui displays, in UTC.
 */
import type { JsonObject, NotificationObject } from '@nailgun/extensions'

const pad = (n: number) => String(n).padStart(2, '0')

export function serializeNotification(notification: NotificationObject): JsonObject {
  const at = new Date(notification.datetime)
  return {
    id: notification.id,
    cluster: notification.clusterId,
    topic: notification.topic,
    message: notification.message,
    status: notification.status,
    node_id: notification.nodeId,
    task_id: notification.taskId,
    time: `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`,
    date: `${pad(at.getUTCDate())}-${pad(at.getUTCMonth() + 1)}-${at.getUTCFullYear()}`,
  }
}
