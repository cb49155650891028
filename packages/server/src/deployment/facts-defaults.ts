/**
 * `GET .../orchestrator/{deployment,provisioning}/defaults`: the facts the environment would get
 * now, ignoring every replaced fact. The events and pipelines run here too (as in Nailgun they
 * may assign addresses), so this is a transaction like any other operation.
 */
import type { Json } from '@nailgun/extensions'
import type { AppContext } from '../context.js'
import { findCluster } from '../domain/cluster/index.js'
import { errors } from '../errors.js'
import { clusterNodes, selectNodes } from './facts-input.js'
import { buildDeploymentFacts, buildProvisioningFacts } from './facts-service.js'
import { toLegacyDeploymentInfo, toSplitDeploymentInfo } from './serializers/index.js'

export interface DefaultsQuery {
  clusterId: number
  nodeIds?: number[]
  split?: boolean
}

export async function defaultDeploymentFacts(ctx: AppContext, query: DefaultsQuery): Promise<Json> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const cluster = await findCluster(trx, query.clusterId)
    if (!cluster) throw errors.objectNotFound('Cluster')
    const allNodes = await clusterNodes(trx, cluster.id)
    const nodes = selectNodes(allNodes, query.nodeIds, cluster.id)
    const facts = await buildDeploymentFacts(ctx, trx, { cluster, nodes, ignoreCustomized: true, allNodes })
    return query.split ? toSplitDeploymentInfo(facts) : toLegacyDeploymentInfo(facts)
  })
}

export async function defaultProvisioningFacts(ctx: AppContext, query: DefaultsQuery): Promise<Json> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const cluster = await findCluster(trx, query.clusterId)
    if (!cluster) throw errors.objectNotFound('Cluster')
    const nodes = selectNodes(await clusterNodes(trx, cluster.id), query.nodeIds, cluster.id)
    const facts = await buildProvisioningFacts(ctx, trx, { cluster, nodes, ignoreCustomized: true })
    return facts as unknown as Json
  })
}
