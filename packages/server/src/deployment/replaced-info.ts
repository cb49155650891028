/**
 * Facts the user replaced (`/clusters/<id>/orchestrator/{deployment,provisioning}`): stored as the
 * environment's part plus one part per node, read back in the shape they were written, and cleared.
 * Each write is one transaction over the locked environment row.
 */
import type { ClusterObject, Json, JsonObject, NodeObject } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { AppContext } from '../context.js'
import type { Database } from '../db/schema.js'
import { findCluster, lockCluster, updateCluster } from '../domain/cluster/index.js'
import { updateNode } from '../domain/node/index.js'
import { errors } from '../errors.js'
import { clusterNodes } from './facts-input.js'
import { deepMerge, splitReplacedDeployment, splitReplacedProvisioning } from './serializers/index.js'

type Db = Kysely<Database>
export type FactsKind = 'deployment' | 'provisioning'

const isEmpty = (value: JsonObject) => Object.keys(value).length === 0

/** True when the environment or one of its nodes carries replaced facts of either kind. */
export function hasReplacedFacts(cluster: ClusterObject, nodes: readonly NodeObject[]): boolean {
  if (!isEmpty(cluster.replacedDeploymentInfo) || !isEmpty(cluster.replacedProvisioningInfo)) return true
  return nodes.some((node) => node.replacedDeploymentInfo.length > 0 || !isEmpty(node.replacedProvisioningInfo))
}

/**
 * Replaced deployment facts: the legacy list (each node dict merged over the common patch) or,
 * with `split`, the node dicts followed by the `{uid: 'common'}` element.
 */
export function replacedDeployment(cluster: ClusterObject, nodes: readonly NodeObject[], split: boolean): JsonObject[] {
  const dicts = nodes.flatMap((node) => node.replacedDeploymentInfo)
  const common = cluster.replacedDeploymentInfo
  // Stored dicts are whatever the user sent: not necessarily full node facts.
  if (split) return [...dicts, { ...common, uid: 'common' }]
  return isEmpty(common) ? dicts : dicts.map((dict) => deepMerge(common, dict))
}

/** Replaced provisioning facts: `{}` when there are none, else the environment part with `nodes`. */
export function replacedProvisioning(cluster: ClusterObject, nodes: readonly NodeObject[]): JsonObject {
  const perNode = nodes.map((node) => node.replacedProvisioningInfo).filter((dict) => !isEmpty(dict))
  if (isEmpty(cluster.replacedProvisioningInfo) && perNode.length === 0) return {}
  return { ...cluster.replacedProvisioningInfo, nodes: perNode }
}

async function locked(ctx: AppContext, trx: Db, clusterId: number) {
  const cluster = await lockCluster(trx, ctx.database.dialect, clusterId)
  if (!cluster) throw errors.objectNotFound('Cluster')
  return { cluster, nodes: await clusterNodes(trx, clusterId) }
}

/** Reads the replaced facts of one kind in their API shape. */
export async function readReplaced(ctx: AppContext, clusterId: number, kind: FactsKind, split: boolean): Promise<Json> {
  const db = ctx.database.db
  const cluster = await findCluster(db, clusterId)
  if (!cluster) throw errors.objectNotFound('Cluster')
  const nodes = await clusterNodes(db, clusterId)
  return kind === 'deployment' ? replacedDeployment(cluster, nodes, split) : replacedProvisioning(cluster, nodes)
}

/** What is stored for one kind: the environment part and each node's part. */
interface Stored {
  cluster: JsonObject
  perNode: ReadonlyMap<string, JsonObject | JsonObject[]>
}

function split(kind: FactsKind, body: unknown, ids: number[]): Stored {
  if (kind === 'deployment') {
    const parts = splitReplacedDeployment(body, ids)
    return { cluster: parts.common, perNode: parts.perNode }
  }
  return splitReplacedProvisioning(body, ids)
}

/** Writes one kind's parts (absent node = not customized) and recomputes `is_customized`. */
async function store(trx: Db, cluster: ClusterObject, nodes: readonly NodeObject[], kind: FactsKind, parts: Stored) {
  const empty = kind === 'deployment' ? [] : {}
  const updatedNodes: NodeObject[] = []
  for (const node of nodes) {
    const value = parts.perNode.get(String(node.id)) ?? empty
    const field = kind === 'deployment' ? 'replacedDeploymentInfo' : 'replacedProvisioningInfo'
    const changed = JSON.stringify(node[field]) !== JSON.stringify(value)
    updatedNodes.push(changed ? await updateNode(trx, node.id, { [field]: value }) : node)
  }
  const field = kind === 'deployment' ? 'replacedDeploymentInfo' : 'replacedProvisioningInfo'
  const updated = { ...cluster, [field]: parts.cluster }
  await updateCluster(trx, cluster.id, {
    [field]: parts.cluster,
    isCustomized: hasReplacedFacts(updated, updatedNodes),
  })
}

/** Stores a PUT body; every node of the environment gets its part (none = not customized). */
export async function replaceFacts(ctx: AppContext, clusterId: number, kind: FactsKind, body: unknown): Promise<void> {
  if (body === undefined || body === null) throw errors.emptyRequest()
  await ctx.database.db.transaction().execute(async (trx) => {
    const { cluster, nodes } = await locked(ctx, trx, clusterId)
    await store(
      trx,
      cluster,
      nodes,
      kind,
      split(
        kind,
        body,
        nodes.map((node) => node.id),
      ),
    )
  })
}

/** Clears the replaced facts of one kind; the environment stays customized while the other kind remains. */
export async function clearReplaced(ctx: AppContext, clusterId: number, kind: FactsKind): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const { cluster, nodes } = await locked(ctx, trx, clusterId)
    await store(trx, cluster, nodes, kind, { cluster: {}, perNode: new Map() })
  })
}
