/** The `tasks` part of the objects API (`ctx.objects.tasks`): live (not deleted) tasks only. */
import type { ObjectsApi } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { listTasks } from './task-query.js'
import { findTask } from './task-repo.js'

export function taskObjectsApi(db: Kysely<Database>): ObjectsApi['tasks'] {
  return { get: (id) => findTask(db, id), list: (filter) => listTasks(db, filter) }
}
