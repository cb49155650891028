/**
 * Addresses of every node on every network, derived (not stored) from the release's CIDRs, so that
 * the same input always yields the same plan:
 * - admin (`fuelweb_admin`): the node's own `ip`, which the agent reported from DHCP;
 * - networks that carry VIPs (management, public): the first two addresses of the range go to the
 *   virtual-router VIP and the HAProxy VIP, as Nailgun allocates them;
 * - then nodes in id order take the next addresses (public: only nodes that need one);
 *   the gateway is skipped. New nodes (higher ids) never move existing ones; removing a node
 *   shifts the nodes after it, as there is no stored assignment to keep them.
 */
import type { NodeObject } from '@nailgun/extensions'
import { errors } from '../../errors.js'
import { clusterAttributes } from './attributes.js'
import { formatIpv4, hostBounds, parseIpv4 } from './ipv4.js'
import { booleanAt, objectAt } from './json.js'
import { ADMIN_NETWORK, type NetworkDef, type Networks, releaseNetworks } from './networks.js'
import { adminIp, nodeRoles } from './node-info.js'
import type { SerializerInput } from './types.js'

export interface Vip {
  name: string
  network: string
  networkRole: string
  namespace: 'haproxy' | 'vrouter'
  ip: string
}

export interface AddressPlan {
  networks: Networks
  vips: Vip[]
  /** Per node id: network name → `ip/prefix`. */
  byNode: Map<number, Map<string, string>>
  /** The same without the prefix: read for some 30 network roles of every node. */
  ipsByNode: Map<number, Map<string, string>>
  /** The input's nodes, by id. */
  sortedNodes: readonly NodeObject[]
}

interface Pool {
  def: NetworkDef
  first: number
  last: number
  /** Addresses inside the range no node may take (the gateway), ascending. */
  skip: number[]
}

function poolOf(def: NetworkDef): Pool | null {
  if (!def.cidr) return null
  const [first, last] = def.ipRange ? def.ipRange.map(parseIpv4) : hostBounds(def.cidr)
  if (first === undefined || last === undefined) return null
  const gateway = def.gateway ? parseIpv4(def.gateway) : null
  const skip = gateway !== null && gateway >= first && gateway <= last ? [gateway] : []
  return { def, first, last, skip }
}

/** The `index`-th free address of the pool, in O(skipped addresses). */
function addressAt(pool: Pool, index: number): string {
  let candidate = pool.first + index
  for (const taken of pool.skip) if (taken <= candidate) candidate++
  if (candidate > pool.last) {
    const range = `${formatIpv4(pool.first)}-${formatIpv4(pool.last)}`
    throw errors.invalidData(`Not enough free IP addresses in ranges [${range}] of '${pool.def.name}' network`)
  }
  return `${formatIpv4(candidate)}/${pool.def.cidr?.prefix}`
}

const VIP_NAMES: Record<string, { vrouter: string; haproxy: string; role: string }> = {
  management: { vrouter: 'vrouter', haproxy: 'management', role: 'mgmt/vip' },
  public: { vrouter: 'vrouter_pub', haproxy: 'public', role: 'public/vip' },
}

function vipsOf(pool: Pool): Vip[] {
  const names = VIP_NAMES[pool.def.name] ?? {
    vrouter: `vrouter_${pool.def.name}`,
    haproxy: pool.def.name,
    role: `${pool.def.name}/vip`,
  }
  const ip = (i: number) => addressAt(pool, i).split('/')[0] ?? ''
  const base = { network: pool.def.name, networkRole: names.role }
  return [
    { ...base, name: names.vrouter, namespace: 'vrouter', ip: ip(0) },
    { ...base, name: names.haproxy, namespace: 'haproxy', ip: ip(1) },
  ]
}

/** Nodes with a role that needs a public address, or all of them when the setting says so. */
function publicNodeIds(input: SerializerInput, nodes: readonly NodeObject[]): Set<number> {
  const all = booleanAt(objectAt(clusterAttributes(input), 'public_network_assignment'), 'assign_to_all_nodes')
  const needsPublic = (role: string) => input.release.rolesMetadata[role]?.public_ip_required === true
  return new Set(nodes.filter((node) => all || nodeRoles(node).some(needsPublic)).map((node) => node.id))
}

function assign(pool: Pool, members: readonly NodeObject[], byNode: AddressPlan['byNode'], offset: number): void {
  for (const [i, node] of members.entries()) byNode.get(node.id)?.set(pool.def.name, addressAt(pool, offset + i))
}

function buildPlan(input: SerializerInput): AddressPlan {
  const networks = releaseNetworks(input)
  const sortedNodes = [...input.nodes].sort((a, b) => a.id - b.id)
  const publicNodes = publicNodeIds(input, sortedNodes)
  const byNode = new Map(sortedNodes.map((node) => [node.id, new Map<string, string>()]))
  const vips: Vip[] = []
  for (const def of networks.byName.values()) {
    const pool = poolOf(def)
    if (!pool) continue
    if (def.name === ADMIN_NETWORK) {
      for (const node of sortedNodes) byNode.get(node.id)?.set(def.name, `${adminIp(node)}/${pool.def.cidr?.prefix}`)
      continue
    }
    const reserved = def.assignVip ? vipsOf(pool) : []
    vips.push(...reserved)
    const members = def.name === 'public' ? sortedNodes.filter((node) => publicNodes.has(node.id)) : sortedNodes
    assign(pool, members, byNode, reserved.length)
  }
  return { networks, vips, byNode, ipsByNode: withoutPrefixes(byNode), sortedNodes }
}

function withoutPrefixes(byNode: AddressPlan['byNode']): AddressPlan['ipsByNode'] {
  const ips = new Map<number, Map<string, string>>()
  for (const [id, addresses] of byNode) {
    const bare = new Map<string, string>()
    for (const [network, address] of addresses) {
      const slash = address.indexOf('/')
      bare.set(network, slash < 0 ? address : address.slice(0, slash))
    }
    ips.set(id, bare)
  }
  return ips
}

const cache = new WeakMap<SerializerInput, AddressPlan>()

/** The plan for the input, computed once per input object (the serializers call it per node). */
export function addressPlan(input: SerializerInput): AddressPlan {
  let plan = cache.get(input)
  if (!plan) {
    plan = buildPlan(input)
    cache.set(input, plan)
  }
  return plan
}

/** The node's address on a network without the prefix, or null when it has none there. */
export function nodeIp(plan: AddressPlan, nodeId: number, network: string): string | null {
  return plan.ipsByNode.get(nodeId)?.get(network) ?? null
}
