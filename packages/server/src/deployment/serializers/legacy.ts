/**
 * The two list forms of deployment facts the API and the orchestrator still speak:
 * - legacy: one entry per node with the common data merged in (what Astute's `deployment_info`
 *   and the `GET .../orchestrator/deployment` default response carry);
 * - split (`?split=1`): the node entries as stored plus one `{uid: 'common', ...}` element, which
 *   avoids repeating `common` n times and is what `PUT` accepts back.
 */
import type { DeploymentFacts, JsonObject } from '@nailgun/extensions'
import { deepMerge } from './deep-merge.js'

export interface LegacyOptions {
  /**
   * Give every entry its own copy of everything. By default entries share the subtrees of `common`
   * that the node does not override (merging costs O(keys), not O(size of common)); ask for
   * isolation before handing the list to code that edits entries in place.
   */
  isolate?: boolean
}

/** `common` plus any other top-level keys a pipeline added next to `common` and `nodes`. */
function commonWithExtras(facts: DeploymentFacts): JsonObject {
  const { common, nodes: _nodes, ...extras } = facts as DeploymentFacts & Record<string, JsonObject>
  return Object.keys(extras).length > 0 ? deepMerge(common, extras) : common
}

/** One entry per node: the common data deep-merged with the node's (the node wins), as Nailgun's `dict_merge`. */
export function toLegacyDeploymentInfo(facts: DeploymentFacts, options: LegacyOptions = {}): JsonObject[] {
  const common = commonWithExtras(facts)
  return facts.nodes.map((node) => {
    const entry = deepMerge(common, node)
    return options.isolate ? structuredClone(entry) : entry
  })
}

/** The node entries unmerged, then `{uid: 'common', ...common}` (Nailgun's `?split=1` form). */
export function toSplitDeploymentInfo(facts: DeploymentFacts): JsonObject[] {
  return [...facts.nodes, { ...commonWithExtras(facts), uid: 'common' }]
}
