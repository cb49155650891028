/** Per-node values several facts share: names, roles, NICs, addresses, hardware. */
import type { JsonObject, NodeObject } from '@nailgun/extensions'
import { nicsFromMeta, normalizeMac } from '../../domain/node/node-meta.js'
import { errors } from '../../errors.js'
import { isObject, objectAt, stringAt } from './json.js'

export interface Nic {
  name: string
  mac: string
  driver?: string
  busInfo?: string
}

/** Nailgun's `get_slave_name`: the hostname, or `node-<id>` for a node that has none. */
export function slaveName(node: NodeObject): string {
  return node.hostname || `node-${node.id}`
}

/** Roles the node has and will have (`roles` then `pending_roles`), each once. */
export function nodeRoles(node: NodeObject): string[] {
  return [...new Set([...node.roles, ...node.pendingRoles])]
}

/** The NICs the agent reported (valid, one per MAC, lower-case MACs), with driver and PCI address. */
export function nodeNics(node: NodeObject): Nic[] {
  const extras = new Map<string, Record<string, unknown>>()
  for (const nic of node.meta.interfaces ?? []) {
    if (isObject(nic) && typeof nic.mac === 'string') extras.set(normalizeMac(nic.mac), nic)
  }
  return nicsFromMeta(node.meta).map((nic) => {
    const extra = extras.get(nic.mac)
    const driver = typeof extra?.driver === 'string' ? extra.driver : undefined
    const busInfo = typeof extra?.bus_info === 'string' ? extra.bus_info : undefined
    return { ...nic, ...(driver ? { driver } : {}), ...(busInfo ? { busInfo } : {}) }
  })
}

/**
 * The NIC the node boots from: the one carrying the node's PXE MAC (Nailgun's
 * `get_admin_physical_iface`), else the first one reported.
 */
export function adminNic(node: NodeObject, nics: readonly Nic[]): Nic {
  const pxe = normalizeMac(node.mac)
  const nic = nics.find((n) => n.mac === pxe) ?? nics[0]
  if (!nic) throw errors.invalidData(`Node '${slaveName(node)}' (id ${node.id}) reported no network interfaces`)
  return nic
}

/** The NICs with the admin one first, then the others in reported order. */
export function orderedNics(node: NodeObject): Nic[] {
  const nics = nodeNics(node)
  const admin = adminNic(node, nics)
  return [admin, ...nics.filter((nic) => nic !== admin)]
}

/** The node's address on the admin (PXE) network, which the agent reported. */
export function adminIp(node: NodeObject): string {
  if (!node.ip) throw errors.invalidData(`Node '${slaveName(node)}' (id ${node.id}) has no admin IP address`)
  return node.ip
}

/** The node's own kernel parameters, else the environment's (`kernel_params.kernel`). */
export function kernelParams(node: NodeObject, attrs: JsonObject): string {
  return node.kernelParams ?? stringAt(objectAt(attrs, 'kernel_params'), 'kernel') ?? ''
}

function cpuModel(node: NodeObject): string | null {
  const first = node.meta.cpu?.spec?.[0]
  return typeof first?.model === 'string' ? first.model : null
}

/** A hardware summary from the agent's report: CPU, memory (bytes), disks (bytes). */
export function hardwareSummary(node: NodeObject): JsonObject {
  const disks = (node.meta.disks ?? []).map((disk) => ({
    name: disk.name,
    size: disk.size,
    model: typeof disk.model === 'string' ? disk.model : null,
  }))
  return {
    manufacturer: node.manufacturer,
    platform_name: node.platformName,
    cpu: { total: node.meta.cpu?.total ?? null, real: node.meta.cpu?.real ?? null, model: cpuModel(node) },
    memory: { total: node.meta.memory?.total ?? null },
    disks,
  }
}
