/**
 * Nailgun's `dict_update` / `dict_merge` without mutation: objects merge key by key, anything
 * else (arrays, scalars, null) in the patch replaces the target's value.
 */
import type { JsonObject } from '@nailgun/extensions'
import { isObject } from './json.js'

/**
 * `patch` deep-merged into `target`, as a new object. Subtrees that only one side has are shared,
 * not copied (that is what keeps merging a large `common` into every node cheap): treat the result
 * as read-only, or `structuredClone` it before mutating.
 */
export function deepMerge(target: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...target }
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key]
    out[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value
  }
  return out
}
