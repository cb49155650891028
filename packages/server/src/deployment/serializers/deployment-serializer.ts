/**
 * Deployment facts in the LCM form: `common` (the environment, written once) and one entry per node
 * with all its roles. Per-node data never lists the other nodes; the node summary lives once in
 * `common.network_metadata`, so the stored facts grow linearly with the environment.
 */
import type { DeploymentFacts, DeploymentNodeFacts, JsonObject, NodeObject } from '@nailgun/extensions'
import { clusterAttributes } from './attributes.js'
import { deepMerge } from './deep-merge.js'
import { deploymentContext } from './deployment-context.js'
import { objectAt, stringAt } from './json.js'
import { networkMetadata, vipFacts } from './network-metadata.js'
import { networkScheme } from './network-scheme.js'
import { neutronSettings } from './neutron-settings.js'
import { hardwareSummary, nodeRoles, slaveName } from './node-info.js'
import { failIfError, roleTasks } from './priorities.js'
import { osProfile } from './release-info.js'
import { imagesInCeph, storageFacts, testVmImage } from './storage-facts.js'
import type { SerializerInput } from './types.js'

function identity(input: SerializerInput): JsonObject {
  const { cluster, release } = input
  return {
    deployment_mode: cluster.mode,
    deployment_id: cluster.id,
    openstack_version: release.version,
    fuel_version: cluster.fuelVersion,
    master_ip: input.master.ip,
    cluster: {
      id: cluster.id,
      name: cluster.name,
      fuel_version: cluster.fuelVersion,
      status: cluster.status,
      mode: cluster.mode,
    },
    release: { name: release.name, version: release.version, operating_system: release.operatingSystem },
  }
}

/** The last controller by id; HA manifests wait for it before finishing the cluster. */
function lastController(input: SerializerInput): string | null {
  const { sortedNodes } = deploymentContext(input).plan
  const controllers = sortedNodes.filter((node) => !node.pendingDeletion && nodeRoles(node).includes('controller'))
  const last = controllers.at(-1)
  return last ? slaveName(last) : null
}

/** Data common to the environment, as every node's manifests see it. */
export function serializeDeploymentCommon(input: SerializerInput): JsonObject {
  const context = deploymentContext(input)
  // A copy: pipelines edit facts in place, and the attributes are cached for the other serializers.
  const attrs = structuredClone(clusterAttributes(input))
  const tenant = stringAt(objectAt(attrs, 'access'), 'tenant') ?? 'admin'
  const common: JsonObject = {
    ...attrs,
    ...identity(input),
    ...vipFacts(context.plan),
    network_metadata: networkMetadata(context),
    quantum: true,
    quantum_settings: deepMerge(
      objectAt(attrs, 'quantum_settings') ?? {},
      neutronSettings(context.plan.networks, tenant),
    ),
    storage: storageFacts(attrs, context.plan.sortedNodes),
    last_controller: lastController(input),
    test_vm_image: testVmImage(osProfile(input.release, attrs)),
  }
  if (context.plan.sortedNodes.some((node) => !node.pendingDeletion && nodeRoles(node).includes('cinder'))) {
    common.use_cinder = true
  }
  return common
}

/** One node's deployment facts (all its roles in one entry). */
export function serializeDeploymentNode(input: SerializerInput, node: NodeObject): DeploymentNodeFacts {
  const context = deploymentContext(input)
  const uid = String(node.id)
  const primaries = context.primaries.get(node.id) ?? []
  const prefixed = context.prefixedRoles.get(node.id) ?? nodeRoles(node)
  const facts: DeploymentNodeFacts = {
    uid,
    roles: nodeRoles(node),
    fqdn: node.fqdn,
    name: slaveName(node),
    user_node_name: node.name,
    status: node.status,
    online: node.online,
    primary_tags: [...primaries],
    primary_controller: primaries.includes('controller'),
    fail_if_error: failIfError(prefixed),
    network_scheme: networkScheme(input, node),
    hardware: hardwareSummary(node),
  }
  if (node.pendingDeletion) facts.deleted = true
  // Without Ceph the image cache size depends on the node's volumes: the volume_manager pipeline sets it.
  if (imagesInCeph(clusterAttributes(input))) facts.glance = { image_cache_max_size: '0' }
  const priority = context.priorities.get(node.id)
  if (priority !== undefined) facts.priority = priority
  facts.tasks = roleTasks(uid, prefixed, input.release)
  return facts
}

/** `{common, nodes}`: nodes with at least one role, by id. */
export function serializeDeployment(input: SerializerInput): DeploymentFacts {
  const { sortedNodes } = deploymentContext(input).plan
  return {
    common: serializeDeploymentCommon(input),
    nodes: sortedNodes.filter((node) => nodeRoles(node).length > 0).map((node) => serializeDeploymentNode(input, node)),
  }
}
