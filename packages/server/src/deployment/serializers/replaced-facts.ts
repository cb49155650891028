/**
 * Replaced ("customized") facts: splitting what a user PUTs into the per-cluster and per-node parts
 * that are stored, and merging the stored parts back over freshly generated facts.
 */
import type { DeploymentFacts, DeploymentNodeFacts, JsonObject, ProvisioningFacts } from '@nailgun/extensions'
import { errors } from '../../errors.js'
import { deepMerge } from './deep-merge.js'
import { isObject } from './json.js'

export { deepMerge }

export const COMMON_UID = 'common'

export interface ReplacedDeployment {
  /** Patch deep-merged over the generated `common`. */
  common: JsonObject
  /** Node uid → the dicts stored for it (`[]` = not customized). */
  perNode: Map<string, JsonObject[]>
}

export interface ReplacedProvisioning {
  /** Replaces the generated cluster part (`engine`...) when not empty. */
  cluster: JsonObject
  /** Node uid → the dict stored for it (`{}` = not customized). */
  perNode: Map<string, JsonObject>
}

function uidOf(entry: unknown): string {
  const uid = isObject(entry) ? entry.uid : undefined
  if (typeof uid !== 'string' && typeof uid !== 'number') {
    throw errors.invalidData("Every node entry must be an object with a 'uid'")
  }
  return String(uid)
}

function deploymentParts(body: unknown): { common: JsonObject; entries: unknown[] } {
  if (Array.isArray(body)) return { common: {}, entries: body }
  if (isObject(body) && ('common' in body || 'nodes' in body)) {
    const common = body.common ?? {}
    const entries = body.nodes ?? []
    if (!isObject(common) || !Array.isArray(entries)) {
      throw errors.invalidData("'common' must be an object and 'nodes' a list")
    }
    return { common, entries }
  }
  throw errors.invalidData("Deployment facts must be a list of node entries or an object with 'common' and 'nodes'")
}

/**
 * A deployment PUT body (a list of node dicts keyed by `uid`, or `{common, nodes}`) split per node.
 * A list element with `uid: 'common'` is the common patch (without its `uid`). Every node of
 * `nodeIds` gets its matching dicts, in body order; dicts for other uids are dropped, as in Nailgun.
 */
export function splitReplacedDeployment(body: unknown, nodeIds: Iterable<number | string>): ReplacedDeployment {
  const parts = deploymentParts(body)
  let common = parts.common
  const perNode = new Map<string, JsonObject[]>([...nodeIds].map((id) => [String(id), []]))
  for (const entry of parts.entries) {
    const uid = uidOf(entry)
    const dict = entry as JsonObject
    if (uid === COMMON_UID) {
      const { uid: _uid, ...patch } = dict
      common = deepMerge(common, patch)
    } else {
      perNode.get(uid)?.push(dict)
    }
  }
  return { common, perNode }
}

/**
 * A provisioning PUT body split: its `nodes` per uid (the first dict of each uid), the rest is the
 * cluster part. With `nodeIds`, exactly those nodes get an entry (`{}` when the body has none).
 */
export function splitReplacedProvisioning(body: unknown, nodeIds?: Iterable<number | string>): ReplacedProvisioning {
  if (!isObject(body)) throw errors.invalidData('Provisioning facts must be an object')
  const { nodes = [], ...cluster } = body
  if (!Array.isArray(nodes)) throw errors.invalidData("'nodes' must be a list")
  const known = nodeIds ? new Set([...nodeIds].map(String)) : undefined
  const perNode = new Map<string, JsonObject>([...(known ?? [])].map((uid) => [uid, {}]))
  for (const entry of nodes) {
    const uid = uidOf(entry)
    const current = perNode.get(uid)
    if ((known && !known.has(uid)) || (current && Object.keys(current).length > 0)) continue
    perNode.set(uid, entry as JsonObject)
  }
  return { cluster, perNode }
}

/**
 * The entry of a customized node. One stored dict (the usual case, and what `?split=1` returns)
 * is used verbatim. Several dicts are the legacy one-per-role form: they are folded in order and
 * their `role` values become `roles`, as Nailgun's LCM serializer does. `uid`, `roles` and `fqdn`
 * default to the generated ones, since the orchestrator cannot do without them; `tasks` always come
 * from the generated entry (Nailgun never keeps tasks from replaced facts).
 */
function customizedEntry(dicts: readonly JsonObject[], generated: DeploymentNodeFacts): DeploymentNodeFacts {
  let entry: JsonObject = dicts[0] ?? {}
  if (dicts.length > 1) {
    const roles = dicts.map((dict) => dict.role).filter((role): role is string => typeof role === 'string')
    entry = dicts.reduce<JsonObject>((acc, { role: _role, ...rest }) => deepMerge(acc, rest), {})
    if (roles.length > 0) entry.roles = roles
  }
  const { uid, roles, fqdn } = generated
  const merged: JsonObject = { uid, roles, fqdn, ...entry }
  if (generated.tasks !== undefined) merged.tasks = generated.tasks
  return merged as DeploymentNodeFacts
}

/** Generated facts with the stored replacements: `common` patched, customized nodes replaced in place. */
export function mergeReplacedDeployment(
  generated: DeploymentFacts,
  replacedCommon: JsonObject,
  replacedPerNode: ReadonlyMap<string, readonly JsonObject[]>,
): DeploymentFacts {
  const common = Object.keys(replacedCommon).length > 0 ? deepMerge(generated.common, replacedCommon) : generated.common
  const nodes = generated.nodes.map((node) => {
    const dicts = replacedPerNode.get(node.uid)
    return dicts && dicts.length > 0 ? customizedEntry(dicts, node) : node
  })
  return { common, nodes }
}

/**
 * Generated provisioning facts with the stored replacements. A non-empty cluster part replaces the
 * generated one wholesale (Nailgun), except `fault_tolerance` and `pre_provision`, which are always
 * recomputed, and `engine`, kept when the replacement lacks one. Customized nodes use their dict.
 */
export function mergeReplacedProvisioning(
  generated: ProvisioningFacts,
  replacedCluster: JsonObject,
  replacedPerNode: ReadonlyMap<string, JsonObject>,
): ProvisioningFacts {
  const nodes = generated.nodes.map((node) => {
    const dict = replacedPerNode.get(node.uid)
    return dict && Object.keys(dict).length > 0 ? ({ ...dict } as typeof node) : node
  })
  const { fault_tolerance, pre_provision, engine } = generated
  if (Object.keys(replacedCluster).length === 0) return { ...generated, nodes }
  return { engine, ...replacedCluster, fault_tolerance, pre_provision, nodes } as ProvisioningFacts
}
