/**
 * The objects API extensions use instead of touching core tables (Nailgun's `nailgun.objects`),
 * bound to the caller's transaction.
 */
import type { ObjectsApi } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { clusterObjectsApi } from './cluster/cluster-objects.js'
import { nodeObjectsApi } from './node/index.js'
import { nodeGroupObjectsApi } from './nodegroup/nodegroup-objects.js'
import { notificationObjectsApi } from './notification/notification-objects.js'
import { findRelease, listReleases } from './release/index.js'
import { taskObjectsApi } from './task/task-objects.js'

export function makeObjectsApi(db: Kysely<Database>): ObjectsApi {
  return {
    releases: idChecked({ get: (id) => findRelease(db, id), list: () => listReleases(db) }),
    clusters: idChecked(clusterObjectsApi(db)),
    nodes: idChecked(nodeObjectsApi(db)),
    nodeGroups: idChecked(nodeGroupObjectsApi(db)),
    tasks: idChecked(taskObjectsApi(db)),
    notifications: notificationObjectsApi(db),
  }
}

const MAX_ID = 2147483647

/**
 * `get` finds nothing for an id no row can have: extensions pass ids straight from their URLs,
 * and PostgreSQL would fail the query on one beyond its integer range instead (a 500).
 */
function idChecked<T extends { get(id: number): Promise<unknown> }>(api: T): T {
  const get = (id: number) =>
    Number.isInteger(id) && id >= 1 && id <= MAX_ID ? api.get(id) : Promise.resolve(undefined)
  return { ...api, get } as T
}
