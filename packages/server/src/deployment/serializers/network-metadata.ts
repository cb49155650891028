/**
 * `common.network_metadata`: every node's addresses by network role, and the VIPs. This is the one
 * place the facts list all nodes; node entries never repeat it, so stored facts grow linearly with
 * the number of nodes (Nailgun's per-node `nodes` list made them grow as n²).
 */
import type { JsonObject } from '@nailgun/extensions'
import { type AddressPlan, nodeIp } from './address-plan.js'
import type { DeploymentContext } from './deployment-context.js'
import { NETWORK_ROLES } from './network-roles.js'
import { slaveName } from './node-info.js'

const VIP_NODE_ROLES = ['controller', 'primary-controller']

function networkRoles(plan: AddressPlan, nodeId: number): JsonObject {
  const roles: JsonObject = {}
  for (const [role, network] of NETWORK_ROLES) roles[role] = nodeIp(plan, nodeId, network)
  roles['neutron/floating'] = null
  roles['neutron/private'] = null
  return roles
}

function vips(plan: AddressPlan): JsonObject {
  const out: JsonObject = {}
  for (const vip of plan.vips) {
    out[vip.name] = {
      network_role: vip.networkRole,
      node_roles: [...VIP_NODE_ROLES],
      namespace: vip.namespace,
      ipaddr: vip.ip,
      is_user_defined: false,
      vendor_specific: null,
    }
  }
  return out
}

export function networkMetadata(context: DeploymentContext): JsonObject {
  const { plan } = context
  const nodes: JsonObject = {}
  for (const node of plan.sortedNodes) {
    if (node.pendingDeletion) continue
    const name = slaveName(node)
    nodes[name] = {
      uid: String(node.id),
      fqdn: node.fqdn,
      name,
      user_node_name: node.name,
      swift_zone: String(node.id),
      node_roles: [...(context.prefixedRoles.get(node.id) ?? [])],
      network_roles: networkRoles(plan, node.id),
      // Node attributes (CPU pinning, huge pages) are not part of the node object: none configured.
      nova_cpu_pinning_enabled: false,
      nova_hugepages_enabled: false,
    }
  }
  return { nodes, vips: vips(plan) }
}

/** The VIP addresses as top-level facts (`management_vip`, `public_vip`, ...). */
export function vipFacts(plan: AddressPlan): JsonObject {
  const byName = new Map(plan.vips.map((vip) => [vip.name, vip.ip]))
  const facts: JsonObject = {}
  const names: Array<[string, string]> = [
    ['management_vip', 'management'],
    ['public_vip', 'public'],
    ['management_vrouter_vip', 'vrouter'],
    ['public_vrouter_vip', 'vrouter_pub'],
  ]
  for (const [fact, vip] of names) {
    const ip = byName.get(vip)
    if (ip) facts[fact] = ip
  }
  return facts
}
