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
    releases: { get: (id) => findRelease(db, id), list: () => listReleases(db) },
    clusters: clusterObjectsApi(db),
    nodes: nodeObjectsApi(db),
    nodeGroups: nodeGroupObjectsApi(db),
    tasks: taskObjectsApi(db),
    notifications: notificationObjectsApi(db),
  }
}
