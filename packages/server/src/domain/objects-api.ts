/**
 * The objects API extensions use instead of touching core tables (Nailgun's `nailgun.objects`),
 * bound to the caller's transaction.
 */
import type { ObjectsApi } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { findRelease, listReleases } from './release/index.js'

export function makeObjectsApi(db: Kysely<Database>): ObjectsApi {
  const pending = (what: string) => () => {
    throw new Error(`objects API: ${what} is not wired yet`)
  }
  return {
    releases: { get: (id) => findRelease(db, id), list: () => listReleases(db) },
    clusters: { get: pending('clusters'), list: pending('clusters'), update: pending('clusters'), serialize: pending('clusters') },
    nodes: { get: pending('nodes'), list: pending('nodes'), update: pending('nodes'), serialize: pending('nodes') },
    nodeGroups: { get: pending('nodeGroups'), list: pending('nodeGroups') },
    tasks: { get: pending('tasks'), list: pending('tasks') },
    notifications: { list: pending('notifications'), create: pending('notifications') },
  }
}
