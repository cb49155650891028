/**
 * Primary tags (Nailgun's `set_primary_tags`): for each role the release marks `has_primary`, one
 * node leads (the first controller bootstraps the database and the Pacemaker cluster). A node that
 * already holds the tag keeps it, so the leader does not move between deployments; otherwise the
 * node with the lowest id takes it. Nodes being deleted are never chosen.
 */
import type { NodeObject } from '@nailgun/extensions'
import { nodeRoles } from './node-info.js'
import type { SerializerInput } from './types.js'

/** Node id → the roles it is primary for. */
export function primaryTags(input: SerializerInput, sortedNodes: readonly NodeObject[]): Map<number, string[]> {
  const out = new Map<number, string[]>()
  const live = sortedNodes.filter((node) => !node.pendingDeletion)
  const rolesOf = new Map(live.map((node) => [node.id, new Set(nodeRoles(node))]))
  for (const [role, meta] of Object.entries(input.release.rolesMetadata)) {
    if (meta.has_primary !== true) continue
    const candidates = live.filter((node) => rolesOf.get(node.id)?.has(role))
    const leader = candidates.find((node) => node.primaryTags.includes(role)) ?? candidates[0]
    if (leader) out.set(leader.id, [...(out.get(leader.id) ?? []), role])
  }
  return out
}

/** The node's roles with `primary-` on those it leads (Nailgun's `all_roles`), as manifests expect. */
export function rolesWithPrimary(roles: readonly string[], primaries: readonly string[]): string[] {
  return roles.map((role) => (primaries.includes(role) ? `primary-${role}` : role))
}
