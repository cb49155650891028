/**
 * Reads the nodes a message is about out of its `args`, in the shapes Nailgun sends: provisioning
 * facts, legacy deployment facts (one entry per node and role), task graphs, or plain node lists.
 */

/** A node the simulation drives, with the roles it deploys. */
export interface PlannedNode {
  uid: string
  roles: string[]
}

/** Keys that are not nodes: the Fuel master, and task graph entries for cluster-wide tasks. */
const NOT_NODES = new Set(['master', 'null', 'None', ''])

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function uidOf(value: unknown): string | null {
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  return null
}

function entriesOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : []
}

/** Node uids of a `{nodes: [{uid}]}`-shaped object, in order, without duplicates. */
function uidsOf(list: unknown): string[] {
  const uids = new Set<string>()
  for (const entry of entriesOf(list)) {
    const uid = uidOf(entry.uid)
    if (uid !== null && !NOT_NODES.has(uid)) uids.add(uid)
  }
  return [...uids]
}

/** `provisioning_info.nodes`. */
export function provisioningNodes(args: Record<string, unknown>): PlannedNode[] {
  const info = args.provisioning_info
  return uidsOf(isRecord(info) ? info.nodes : undefined).map((uid) => ({ uid, roles: [] }))
}

/**
 * The union of `deployment_info` (legacy list with several entries per uid, or `{nodes}`) and the
 * keys of `tasks_graph`. Several entries for one uid become one node with all their roles, because
 * a node's progress must be one monotonic value.
 */
export function deploymentNodes(args: Record<string, unknown>): PlannedNode[] {
  const nodes = new Map<string, Set<string>>()
  const info = isRecord(args.deployment_info) ? args.deployment_info.nodes : args.deployment_info
  for (const entry of entriesOf(info)) {
    const uid = uidOf(entry.uid)
    if (uid === null || NOT_NODES.has(uid)) continue
    const roles = nodes.get(uid) ?? new Set<string>()
    for (const role of rolesOf(entry)) roles.add(role)
    nodes.set(uid, roles)
  }
  if (isRecord(args.tasks_graph)) {
    for (const uid of Object.keys(args.tasks_graph)) {
      if (!NOT_NODES.has(uid) && !nodes.has(uid)) nodes.set(uid, new Set())
    }
  }
  return [...nodes].map(([uid, roles]) => ({ uid, roles: [...roles] }))
}

function rolesOf(entry: Record<string, unknown>): string[] {
  const roles = Array.isArray(entry.roles) ? entry.roles.filter((r): r is string => typeof r === 'string') : []
  if (typeof entry.role === 'string') roles.push(entry.role)
  return roles
}

/** `args.nodes` uids (remove, reset, stop). */
export function listedNodeUids(args: Record<string, unknown>): string[] {
  return uidsOf(args.nodes)
}
