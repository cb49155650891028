/**
 * Builds the provisioning and deployment facts of an environment, as the orchestrator receives
 * them: the environment-scoped `onBefore*Serialization` events, the serializers, the enabled
 * extensions' pipelines (which never see facts the user replaced, except on `/defaults`), then
 * the replaced facts put back verbatim. Runs inside the caller's transaction: the events and the
 * pipelines may write (e.g. assign addresses), and their writes commit or roll back with it.
 */
import type { ClusterObject, DeploymentFacts, NodeObject, ProvisioningFacts } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { AppContext } from '../context.js'
import type { Database } from '../db/schema.js'
import { clusterNodes, loadFactsInput } from './facts-input.js'
import {
  mergeReplacedDeployment,
  mergeReplacedProvisioning,
  type SerializerInput,
  serializeDeploymentCommon,
  serializeDeploymentNode,
  serializeProvisioning,
} from './serializers/index.js'

type Db = Kysely<Database>

export interface FactsRequest {
  cluster: ClusterObject
  /** The nodes to serialize (the environment's nodes not pending deletion, when omitted). */
  nodes?: readonly NodeObject[]
  /** `/defaults`: ignore every replaced fact; the pipelines see all nodes. */
  ignoreCustomized?: boolean
}

const byId = (a: NodeObject, b: NodeObject) => a.id - b.id

export async function buildProvisioningFacts(
  ctx: AppContext,
  trx: Db,
  request: FactsRequest,
): Promise<ProvisioningFacts> {
  const { cluster } = request
  const ignoreCustomized = request.ignoreCustomized === true
  const nodes = [...(request.nodes ?? (await deployableNodes(trx, cluster.id)))].sort(byId)
  await ctx.extensions.fire(trx, 'onBeforeProvisioningSerialization', [cluster, nodes, ignoreCustomized], { cluster })
  // Fault tolerance and the node list concern the nodes being provisioned only.
  const input: SerializerInput = { ...(await loadFactsInput(trx, cluster)), nodes }
  const generated = serializeProvisioning(input)
  const facts = await ctx.extensions.runProvisioningPipelines(trx, cluster, nodes, generated, { ignoreCustomized })
  if (ignoreCustomized) return facts
  const perNode = new Map(nodes.map((node) => [String(node.id), node.replacedProvisioningInfo]))
  return mergeReplacedProvisioning(facts, cluster.replacedProvisioningInfo, perNode)
}

export async function buildDeploymentFacts(ctx: AppContext, trx: Db, request: FactsRequest): Promise<DeploymentFacts> {
  const { cluster } = request
  const ignoreCustomized = request.ignoreCustomized === true
  const all = await clusterNodes(trx, cluster.id)
  await ctx.extensions.fire(trx, 'onBeforeDeploymentSerialization', [cluster, all, ignoreCustomized], { cluster })
  const wanted = [...(request.nodes ?? all.filter((node) => !node.pendingDeletion))].sort(byId)
  const input = deploymentInput(await loadFactsInput(trx, cluster), all, wanted)
  const generated: DeploymentFacts = {
    common: serializeDeploymentCommon(input),
    nodes: wanted.filter(hasRoles).map((node) => serializeDeploymentNode(input, node)),
  }
  const facts = await ctx.extensions.runDeploymentPipelines(trx, cluster, wanted, generated, { ignoreCustomized })
  if (ignoreCustomized) return facts
  const perNode = new Map(wanted.map((node) => [String(node.id), node.replacedDeploymentInfo]))
  return mergeReplacedDeployment(facts, cluster.replacedDeploymentInfo, perNode)
}

/**
 * Environment-wide facts (addresses, the node summary, primary roles) are computed over every
 * node that stays in the environment, plus the requested ones, whatever subset is serialized.
 */
function deploymentInput(
  base: Omit<SerializerInput, 'nodes'>,
  all: readonly NodeObject[],
  wanted: readonly NodeObject[],
): SerializerInput {
  const ids = new Set(wanted.map((node) => node.id))
  return { ...base, nodes: all.filter((node) => !node.pendingDeletion || ids.has(node.id)) }
}

function hasRoles(node: NodeObject): boolean {
  return node.roles.length > 0 || node.pendingRoles.length > 0
}

async function deployableNodes(trx: Db, clusterId: number): Promise<NodeObject[]> {
  return (await clusterNodes(trx, clusterId)).filter((node) => !node.pendingDeletion)
}
