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
import type { StageObserver } from '../extensions/trace/stage-observer.js'
import { contractWatch } from './facts-contract/facts-watches.js'
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
  /** Watches the pipeline stages (a trace); by default only the facts contract is checked. */
  observer?: StageObserver
  /**
   * Every node of the environment, when the caller has just read them in this transaction
   * (`clusterNodes`): parsing 10,000 nodes' meta twice was a tenth of a `/defaults` request.
   */
  allNodes?: readonly NodeObject[]
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
  const observer = request.observer ?? contractWatch(ctx, 'provisioning')
  const options = { ignoreCustomized, observer }
  const facts = await ctx.extensions.runProvisioningPipelines(trx, cluster, nodes, generated, options)
  if (ignoreCustomized) return facts
  const perNode = new Map(nodes.map((node) => [String(node.id), node.replacedProvisioningInfo]))
  return mergeReplacedProvisioning(facts, cluster.replacedProvisioningInfo, perNode)
}

export async function buildDeploymentFacts(ctx: AppContext, trx: Db, request: FactsRequest): Promise<DeploymentFacts> {
  const { cluster } = request
  const ignoreCustomized = request.ignoreCustomized === true
  const all = request.allNodes ? [...request.allNodes] : await clusterNodes(trx, cluster.id)
  await ctx.extensions.fire(trx, 'onBeforeDeploymentSerialization', [cluster, all, ignoreCustomized], { cluster })
  const wanted = [...(request.nodes ?? all.filter((node) => !node.pendingDeletion))].sort(byId)
  const input = deploymentInput(await loadFactsInput(trx, cluster), all, wanted)
  const generated: DeploymentFacts = {
    common: serializeDeploymentCommon(input),
    nodes: wanted.filter(hasRoles).map((node) => serializeDeploymentNode(input, node)),
  }
  const observer = request.observer ?? contractWatch(ctx, 'deployment')
  const options = { ignoreCustomized, observer }
  const facts = await ctx.extensions.runDeploymentPipelines(trx, cluster, wanted, generated, options)
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
