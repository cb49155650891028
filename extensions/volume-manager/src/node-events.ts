/**
 * When a node change calls for a new default layout. Nailgun regenerates on a change of roles,
 * environment or disks; a layout the user customized survives everything but new disks, unless the
 * node's roles now need other volumes than the ones it has (then it could not be deployed as is).
 * @module
 */
import type { EventContext, NodeMeta, NodeObject } from '@nailgun/extensions'
import { volumeName } from './layout/simple-format.js'
import { type DiskSpace, isDisk, type Layout } from './layout/types.js'
import { agentDisks } from './node-layout.js'
import { nodeLayoutInput, setDefaultNodeVolumes } from './node-volumes.js'
import { findVolumes } from './volume-store.js'

/** Disks are being partitioned or the system installed: the stored layout is the one in use. */
const BUSY_STATUSES: ReadonlySet<NodeObject['status']> = new Set(['provisioning', 'deploying'])

export interface RelevantChanges {
  roles: boolean
  cluster: boolean
  disks: boolean
}

/** What changed that matters to the layout, from the host's `ctx.changes`. */
export function relevantChanges(node: NodeObject, changes: EventContext['changes']): RelevantChanges {
  const before = (key: 'roles' | 'pendingRoles') => (changes[key] ? (changes[key].old as string[]) : node[key])
  const oldRoles = new Set([...before('roles'), ...before('pendingRoles')])
  const newRoles = new Set([...node.roles, ...node.pendingRoles])
  const meta = changes.meta as { old: NodeMeta; new: NodeMeta } | undefined
  return {
    // A role moving from pending to deployed changes nothing on disk.
    roles: oldRoles.size !== newRoles.size || [...newRoles].some((r) => !oldRoles.has(r)),
    cluster: changes.clusterId !== undefined,
    disks: meta !== undefined && disksSignature(meta.old ?? {}) !== disksSignature(meta.new ?? {}),
  }
}

export async function onNodeUpdated(node: NodeObject, ctx: EventContext): Promise<void> {
  if (BUSY_STATUSES.has(node.status)) return
  // Agents report every few minutes: only changes that move volumes are worth a new layout (and, when
  // it cannot be computed, a new error notification).
  const changed = relevantChanges(node, ctx.changes)
  if (!changed.roles && !changed.cluster && !changed.disks) return
  const stored = await findVolumes(ctx.db, node.id)
  if (!stored) return setDefaultNodeVolumes(node, ctx)
  if (stored.isCustomized && !changed.disks && !(await needsOtherVolumes(node, stored.volumes, ctx))) return
  await setDefaultNodeVolumes(node, ctx)
}

/** True when the node's roles now need a different set of volumes than the layout holds. */
async function needsOtherVolumes(node: NodeObject, layout: Layout, ctx: EventContext): Promise<boolean> {
  let wanted: string[]
  try {
    wanted = (await nodeLayoutInput(node, ctx)).spaces.map((s) => s.id)
  } catch {
    return false // Keep the user's layout; the failure is reported when a default is next generated.
  }
  const held = layoutVolumeNames(layout.filter(isDisk))
  return wanted.length !== held.size || wanted.some((id) => !held.has(id))
}

function layoutVolumeNames(disks: readonly DiskSpace[]): Set<string> {
  const names = disks.flatMap((d) => d.volumes.map(volumeName)).filter((n) => n !== undefined)
  return new Set(names)
}

/** Disks compared by what the layout uses, in name order (agents may list them in any order). */
function disksSignature(meta: NodeMeta): string {
  return JSON.stringify(
    agentDisks(meta)
      .map((d) => [d.name, d.disk ?? null, d.size, d.extra ?? []])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  )
}
