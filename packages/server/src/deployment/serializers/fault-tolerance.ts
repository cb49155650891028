/**
 * Provisioning `fault_tolerance`: per role, the share of its nodes allowed to fail provisioning
 * before the orchestrator gives up (`[{uids, percentage}]`). A node that is in no group may not
 * fail at all, so controllers, storage and the like are simply left out.
 *
 * The share comes from the role's `fault_tolerance` metadata ("2%"); compute nodes default to
 * Fuel's 2% when the release does not say. Unlike Nailgun, which only looked at deployed roles
 * (empty before the first deployment), pending roles count too.
 */
import type { NodeObject, ReleaseObject } from '@nailgun/extensions'
import { nodeRoles } from './node-info.js'

const DEFAULT_TOLERANCE: Readonly<Record<string, string>> = { compute: '2%' }

/** `2` for "2%"; undefined for anything that is not a percentage (Nailgun supports only those). */
function percentage(tolerance: unknown): number | undefined {
  if (typeof tolerance !== 'string' || !tolerance.endsWith('%')) return undefined
  const value = Number.parseInt(tolerance.slice(0, -1), 10)
  return Number.isNaN(value) ? undefined : value
}

export function faultTolerance(
  release: ReleaseObject,
  sortedNodes: readonly NodeObject[],
): Array<{ uids: string[]; percentage: number }> {
  const groups: Array<{ uids: string[]; percentage: number }> = []
  const rolesOf = new Map(sortedNodes.map((node) => [node.id, new Set(nodeRoles(node))]))
  for (const [role, meta] of Object.entries(release.rolesMetadata)) {
    const share = percentage(meta.fault_tolerance ?? DEFAULT_TOLERANCE[role])
    if (share === undefined) continue
    const uids = sortedNodes.filter((node) => rolesOf.get(node.id)?.has(role)).map((node) => String(node.id))
    groups.push({ uids, percentage: share })
  }
  return groups
}
