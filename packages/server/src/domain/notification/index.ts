export { notificationObjectsApi } from './notification-objects.js'
export {
  countNotifications,
  createNotification,
  detachClusterNotifications,
  findNotification,
  findNotifications,
  listNotifications,
  type NewNotification,
  NOTIFICATION_ORDER_FIELDS,
  NOTIFICATION_STATUSES,
  NOTIFICATION_TOPICS,
  type NotificationFilter,
  type NotificationPage,
  type NotificationStatus,
  type NotificationTopic,
  notificationStats,
  setNotificationStatus,
  toNotificationObject,
} from './notification-repo.js'
export { notificationRoutes } from './notification-routes.js'
export { serializeNotification } from './notification-serializer.js'
export {
  changeAllStatuses,
  changeNotificationStatus,
  changeStatuses,
  listNotificationPage,
} from './notification-service.js'
