/**
 * Role rules: a node's roles and pending roles must be roles its environment's release offers,
 * without duplicates, and without two roles that conflict (`roles_metadata[role].conflicts`, a
 * list or `"*"`). Environments are looked up once per request, however many nodes it touches.
 */
import type { ClusterObject, RoleMetadata } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { errors } from '../../errors.js'
import { findCluster } from '../cluster/cluster-repo.js'
import { defaultNodeGroup } from '../nodegroup/nodegroup-repo.js'
import { findRelease } from '../release/release-repo.js'

export interface ClusterInfo {
  cluster: ClusterObject
  rolesMetadata: Record<string, RoleMetadata>
  defaultGroupId: number | null
}

export type ClusterLookup = (id: number) => Promise<ClusterInfo | undefined>

/** A per-request memo of environments with their release roles and default node group. */
export function clusterLookup(db: Kysely<Database>): ClusterLookup {
  const cache = new Map<number, Promise<ClusterInfo | undefined>>()
  return (id) => {
    let entry = cache.get(id)
    if (!entry) {
      entry = loadClusterInfo(db, id)
      cache.set(id, entry)
    }
    return entry
  }
}

async function loadClusterInfo(db: Kysely<Database>, id: number): Promise<ClusterInfo | undefined> {
  const cluster = await findCluster(db, id)
  if (!cluster) return undefined
  const [release, group] = await Promise.all([findRelease(db, cluster.releaseId), defaultNodeGroup(db, id)])
  return { cluster, rolesMetadata: release?.rolesMetadata ?? {}, defaultGroupId: group?.id ?? null }
}

function duplicates(list: readonly string[]): string[] {
  return [...new Set(list.filter((role, i) => list.indexOf(role) !== i))]
}

function conflictsOf(role: string, metadata: Record<string, RoleMetadata>): Set<string> {
  const declared = metadata[role]?.conflicts as string[] | '*' | undefined
  if (declared === '*') return new Set(Object.keys(metadata).filter((r) => r !== role))
  return new Set(declared ?? [])
}

/** Throws a 400 naming the first broken rule. `roles` and `pendingRoles` are the node's resulting lists. */
export function checkRoles(info: ClusterInfo, roles: readonly string[], pendingRoles: readonly string[]): void {
  for (const list of [roles, pendingRoles]) {
    const repeated = duplicates(list)
    if (repeated.length > 0) throw errors.invalidRoles(`Roles are listed more than once: ${repeated.join(', ')}`)
  }
  const all = [...new Set([...roles, ...pendingRoles])]
  const unknown = all.filter((role) => !(role in info.rolesMetadata))
  if (unknown.length > 0) {
    throw errors.invalidRoles(`${unknown.join(', ')} are not valid roles for node in environment ${info.cluster.id}`)
  }
  for (const role of all) {
    const conflicting = all.filter((other) => conflictsOf(role, info.rolesMetadata).has(other))
    if (conflicting.length > 0) {
      throw errors.invalidRoles(`Role '${role}' in conflict with role '${conflicting.join(', ')}'.`)
    }
  }
}
