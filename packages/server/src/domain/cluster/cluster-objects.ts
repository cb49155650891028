/**
 * The `clusters` part of the objects API extensions use (`ctx.objects.clusters`), bound to the
 * caller's transaction. `update` fires no events (Nailgun has no environment update event).
 */
import type { ClusterObject, ObjectsApi } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { errors } from '../../errors.js'
import { listClusters } from './cluster-query.js'
import { clusterNameTaken, findCluster, updateCluster } from './cluster-repo.js'
import { CLUSTER_STATUSES } from './cluster-schema.js'
import { serializeCluster } from './cluster-serializer.js'

type Db = Kysely<Database>

async function patchCluster(db: Db, id: number, patch: { name?: string; status?: ClusterObject['status'] }) {
  if (!(await findCluster(db, id))) throw errors.objectNotFound('Cluster')
  const { name, status } = patch
  if (name !== undefined && (typeof name !== 'string' || name.length < 1 || name.length > 50)) {
    throw errors.validation('name: must be 1 to 50 characters')
  }
  if (status !== undefined && !(CLUSTER_STATUSES as readonly string[]).includes(status)) {
    throw errors.validation(`status: must be one of ${CLUSTER_STATUSES.join(', ')}`)
  }
  if (name !== undefined && (await clusterNameTaken(db, name, id))) throw errors.clusterNameTaken()
  return updateCluster(db, id, { name, status })
}

export function clusterObjectsApi(db: Db): ObjectsApi['clusters'] {
  return {
    get: (id) => findCluster(db, id),
    list: (filter) => listClusters(db, filter),
    update: (id, patch) => patchCluster(db, id, patch),
    serialize: serializeCluster,
  }
}
