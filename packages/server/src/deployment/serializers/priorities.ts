/**
 * Deployment order (Nailgun's HA priority strategy): the primary MongoDB and controller first,
 * the other controllers one at a time (each joins a running cluster), then everything else in
 * parallel. Priorities grow in steps of 100 as in Nailgun; equal priority = deployed together.
 */
import type { JsonObject, ReleaseObject } from '@nailgun/extensions'

interface Stage {
  role: string
  oneByOne: boolean
}

const STAGES: readonly Stage[] = [
  { role: 'primary-mongo', oneByOne: true },
  { role: 'mongo', oneByOne: false },
  { role: 'primary-controller', oneByOne: true },
  { role: 'controller', oneByOne: true },
]

/** Roles whose failure stops the whole deployment (Nailgun's HA `critical_roles`). */
const CRITICAL_ROLES = new Set(['primary-controller', 'controller', 'primary-mongo', 'primary-swift-proxy', 'ceph-osd'])

export interface Deployable {
  id: number
  /** Roles with the `primary-` prefix where the node leads. */
  roles: readonly string[]
}

/** Node id → priority, for nodes given in id order. */
export function deploymentPriorities(nodes: readonly Deployable[]): Map<number, number> {
  const out = new Map<number, number>()
  let current = 0
  const next = () => {
    current += 100
    return current
  }
  for (const stage of STAGES) {
    const members = nodes.filter((node) => !out.has(node.id) && node.roles.includes(stage.role))
    if (members.length === 0) continue
    const shared = stage.oneByOne ? 0 : next()
    for (const node of members) out.set(node.id, stage.oneByOne ? next() : shared)
  }
  const rest = nodes.filter((node) => !out.has(node.id))
  if (rest.length > 0) {
    const shared = next()
    for (const node of rest) out.set(node.id, shared)
  }
  return out
}

export function failIfError(roles: readonly string[]): boolean {
  return roles.some((role) => CRITICAL_ROLES.has(role))
}

function stageIndex(role: string): number {
  const index = STAGES.findIndex((stage) => stage.role === role)
  return index === -1 ? STAGES.length : index
}

/** Roles with nothing to deploy on top of the operating system. */
const NO_MANIFEST = new Set(['base-os'])

/**
 * One puppet task per role, in deployment order (primary and controller roles first, then by the
 * release's role weight): the role manifests of fuel-library, applied when no task graph is used.
 */
export function roleTasks(uid: string, roles: readonly string[], release: ReleaseObject): JsonObject[] {
  const weight = (role: string) => release.rolesMetadata[role.replace(/^primary-/, '')]?.weight ?? 1000
  const ordered = roles
    .filter((role) => !NO_MANIFEST.has(role))
    .sort((a, b) => stageIndex(a) - stageIndex(b) || weight(a) - weight(b))
  return ordered.map((role, i) => ({
    type: 'puppet',
    uids: [uid],
    priority: (i + 1) * 100,
    parameters: {
      puppet_manifest: `/etc/puppet/modules/osnailyfacter/modular/roles/${role.replace(/^primary-/, '')}.pp`,
      puppet_modules: '/etc/puppet/modules',
      timeout: 3600,
      cwd: '/',
    },
  }))
}
