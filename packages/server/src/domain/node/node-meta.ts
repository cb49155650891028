/**
 * The hardware description agents report (`meta`): normalising it, merging a new report into the
 * stored one with Nailgun's protections, and the NIC list derived from it.
 */
import type { NodeMeta, NodeStatus } from '@nailgun/extensions'

/** Meta as reported, before normalisation: NIC entries may be malformed, nothing is trusted yet. */
export type ReportedMeta = { interfaces?: unknown[]; disks?: unknown[] | null; [key: string]: unknown }

export interface NicInfo {
  name: string
  mac: string
}

/** Column width of `node_nic_interfaces.name`. */
const NIC_NAME_MAX = 128
const MAC_PATTERN = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/

/** MACs are compared and stored lower-case with colons (agents send upper-case). */
export function normalizeMac(mac: string): string {
  return mac.trim().toLowerCase().replaceAll('-', ':')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * `numa_topology` is never null in what we store or serve: agents without `lstopo` send null, and
 * consumers (CPU pinning, hugepages) index into it without checking.
 */
function normalizeNuma(value: unknown): Record<string, unknown> {
  const numa = isRecord(value) ? { ...value } : {}
  for (const key of ['numa_nodes', 'supported_hugepages', 'distances']) {
    if (!Array.isArray(numa[key])) numa[key] = []
  }
  return numa
}

function normalizeInterface(nic: unknown): unknown {
  if (!isRecord(nic) || typeof nic.mac !== 'string') return nic
  return { ...nic, mac: normalizeMac(nic.mac) }
}

/** A copy of `meta` with lower-case interface MACs and a complete `numa_topology`. */
export function normalizeMeta(meta: NodeMeta | ReportedMeta | null | undefined): NodeMeta {
  const copy = (isRecord(meta) ? { ...meta } : {}) as NodeMeta
  if (Array.isArray(copy.interfaces))
    copy.interfaces = copy.interfaces.map(normalizeInterface) as NodeMeta['interfaces']
  copy.numa_topology = normalizeNuma(copy.numa_topology) as NodeMeta['numa_topology']
  return copy
}

function isValidNic(nic: unknown): nic is NicInfo {
  return (
    isRecord(nic) && typeof nic.name === 'string' && nic.name !== '' && typeof nic.mac === 'string' && nic.mac !== ''
  )
}

/** The NICs worth a row: named, with a well-formed MAC, first occurrence of each MAC. */
export function nicsFromMeta(meta: ReportedMeta | NodeMeta): NicInfo[] {
  const seen = new Set<string>()
  const nics: NicInfo[] = []
  for (const nic of meta.interfaces ?? []) {
    if (!isValidNic(nic)) continue
    const mac = normalizeMac(nic.mac)
    if (!MAC_PATTERN.test(mac) || seen.has(mac) || nic.name.length > NIC_NAME_MAX) continue
    seen.add(mac)
    nics.push({ name: nic.name, mac })
  }
  return nics
}

/** Registration keeps only the usable NICs (Nailgun's `MetaInterfacesValidator.validate_create`). */
export function registrationMeta(meta: ReportedMeta): NodeMeta {
  const interfaces = (meta.interfaces ?? []).filter(isValidNic)
  return normalizeMeta({ ...meta, interfaces } as NodeMeta)
}

/**
 * Whether the NIC list, IP and PXE MAC are frozen (Nailgun's `is_interfaces_configuration_locked`):
 * the agent may change them only in discover (or after a discovery error); an operator also on
 * ready and stopped nodes, and after a deployment error.
 */
export function interfacesLocked(status: NodeStatus, errorType: string | null, agent: boolean): boolean {
  const open: readonly NodeStatus[] = agent ? ['discover', 'error'] : ['discover', 'error', 'stopped', 'ready']
  const openErrors = agent ? ['discover'] : ['discover', 'deploy']
  return !open.includes(status) || (status === 'error' && !openErrors.includes(errorType ?? ''))
}

/** Disks are frozen once provisioning starts: volumes were laid out on them. */
function hardwareLocked(status: NodeStatus): boolean {
  return status !== 'discover' && status !== 'error'
}

export interface MergeOptions {
  /** Apply the agent-only protections (disks). */
  agent: boolean
  status: NodeStatus
}

/**
 * The meta to store after a report: the new keys over the old ones, except that
 * - a report with an invalid NIC keeps the old NIC list (Nailgun's `update_meta`),
 * - an agent report with no disks keeps the old disks (a flaky disk scan must not erase volumes),
 * - an agent report never changes disks once the node left discover/error.
 */
export function mergeMeta(current: NodeMeta, incoming: ReportedMeta, options: MergeOptions): NodeMeta {
  const merged = { ...current, ...incoming } as NodeMeta
  if (incoming.interfaces !== undefined && !(incoming.interfaces ?? []).every(isValidNic)) {
    merged.interfaces = current.interfaces
  }
  if (options.agent && 'disks' in incoming) {
    const empty = !Array.isArray(incoming.disks) || incoming.disks.length === 0
    if ((empty && (current.disks?.length ?? 0) > 0) || hardwareLocked(options.status)) merged.disks = current.disks
  }
  if (merged.interfaces === undefined) delete merged.interfaces
  if (merged.disks === undefined) delete merged.disks
  return normalizeMeta(merged)
}
