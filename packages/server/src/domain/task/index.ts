export { taskObjectsApi } from './task-objects.js'
export { countTasks, listTasks, TASK_ORDER_FIELDS, type TaskFilter, type TaskPage } from './task-query.js'
export {
  createTask,
  deleteClusterTasks,
  findTask,
  findTaskByUuid,
  lockTaskByUuid,
  type NewTask,
  softDeleteTaskTree,
  type TaskPatch,
  type TaskRecord,
  taskTreeIds,
  toTaskRecord,
  updateTask,
} from './task-repo.js'
export { taskRoutes } from './task-routes.js'
export { TASK_NAMES, TASK_STATUSES } from './task-schema.js'
export { serializeTask } from './task-serializer.js'
export { deleteTask, listTaskPage } from './task-service.js'
