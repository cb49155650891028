/**
 * Everything about a deployment that depends on all nodes at once (addresses, primary tags,
 * priorities), computed once per input in O(n log n). Per-node serialization then only looks
 * things up, which keeps serializing n nodes linear.
 */
import { type AddressPlan, addressPlan } from './address-plan.js'
import { nodeRoles } from './node-info.js'
import { primaryTags, rolesWithPrimary } from './primary-tags.js'
import { deploymentPriorities } from './priorities.js'
import type { SerializerInput } from './types.js'

export interface DeploymentContext {
  plan: AddressPlan
  /** Node id → roles it leads. */
  primaries: Map<number, string[]>
  /** Node id → roles with the `primary-` prefix where it leads. */
  prefixedRoles: Map<number, string[]>
  priorities: Map<number, number>
}

function build(input: SerializerInput): DeploymentContext {
  const plan = addressPlan(input)
  const primaries = primaryTags(input, plan.sortedNodes)
  const prefixedRoles = new Map(
    plan.sortedNodes.map((node) => [node.id, rolesWithPrimary(nodeRoles(node), primaries.get(node.id) ?? [])]),
  )
  const deployable = plan.sortedNodes
    .map((node) => ({ id: node.id, roles: prefixedRoles.get(node.id) ?? [] }))
    .filter((node) => node.roles.length > 0)
  return { plan, primaries, prefixedRoles, priorities: deploymentPriorities(deployable) }
}

const cache = new WeakMap<SerializerInput, DeploymentContext>()

/** The context of the input, built on first use; the input must not change afterwards. */
export function deploymentContext(input: SerializerInput): DeploymentContext {
  let context = cache.get(input)
  if (!context) {
    context = build(input)
    cache.set(input, context)
  }
  return context
}
