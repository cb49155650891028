/**
 * Loads what the serializers read for one environment (release, environment, nodes, node groups,
 * generated attributes, master settings) inside the caller's transaction.
 */
import type { ClusterObject, NodeObject } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { readGeneratedAttributes } from '../domain/cluster/index.js'
import { listNodes } from '../domain/node/index.js'
import { listNodeGroups } from '../domain/nodegroup/index.js'
import { findRelease } from '../domain/release/index.js'
import { errors } from '../errors.js'
import { loadMasterSettings } from './master.js'
import type { SerializerInput } from './serializers/index.js'

type Db = Kysely<Database>

/** The environment's nodes, by id. */
export function clusterNodes(db: Db, clusterId: number): Promise<NodeObject[]> {
  return listNodes(db, { clusterId })
}

/**
 * Every input field but `nodes`. The environment's own nodes are listed too, since environment-wide
 * facts (addresses, the node summary) depend on all of them.
 */
export async function loadFactsInput(db: Db, cluster: ClusterObject): Promise<Omit<SerializerInput, 'nodes'>> {
  const release = await findRelease(db, cluster.releaseId)
  if (!release) throw errors.invalidRelease()
  return {
    release,
    cluster,
    nodeGroups: await listNodeGroups(db, { clusterId: cluster.id }),
    master: await loadMasterSettings(db, release, cluster.netProvider),
    generatedAttributes: await readGeneratedAttributes(db, cluster.id),
  }
}

/**
 * `?nodes=1,2`: the listed nodes of the environment; 400 naming those that are not in it. Without
 * a list: every node of the environment not pending deletion.
 */
export function selectNodes(all: readonly NodeObject[], ids: readonly number[] | undefined, clusterId: number) {
  if (ids === undefined) return all.filter((node) => !node.pendingDeletion)
  const byId = new Map(all.map((node) => [node.id, node]))
  const strangers = [...new Set(ids)].filter((id) => !byId.has(id))
  if (strangers.length > 0) {
    throw errors.nodeNotInCluster(`Nodes ${strangers.join(', ')} do not belong to cluster ${clusterId}`)
  }
  return [...new Set(ids)].sort((a, b) => a - b).map((id) => byId.get(id) as NodeObject)
}
