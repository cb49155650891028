/** The `nodeGroups` part of the objects API (`ctx.objects.nodeGroups`), in the caller's transaction. */
import type { ObjectsApi } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { findNodeGroup, listNodeGroups } from './nodegroup-repo.js'

export function nodeGroupObjectsApi(db: Kysely<Database>): ObjectsApi['nodeGroups'] {
  return { get: (id) => findNodeGroup(db, id), list: (filter) => listNodeGroups(db, filter) }
}
