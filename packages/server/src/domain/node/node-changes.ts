/**
 * What changed on a node between two reads, in the shape `onNodeUpdate` receives as `ctx.changes`.
 * Comparison is by JSON value, ignoring key order: PostgreSQL's jsonb reorders object keys, so
 * a textual comparison would report changes that are not there.
 */
import type { EventContext, NodeObject } from '@nailgun/extensions'

export type NodeChanges = EventContext['changes']

/** Fields that change on every check-in and carry no meaning for extensions. */
const IGNORED: ReadonlySet<keyof NodeObject> = new Set(['timestamp'])

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((item, i) => jsonEqual(item, other[i]))
  }
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = Object.keys(left).filter((k) => left[k] !== undefined)
  if (keys.length !== Object.keys(right).filter((k) => right[k] !== undefined).length) return false
  return keys.every((k) => jsonEqual(left[k], right[k]))
}

/** `{field: {old, new}}` for every field that differs (camelCase NodeObject names). */
export function diffNodes(before: NodeObject, after: NodeObject): NodeChanges {
  const changes: NodeChanges = {}
  for (const key of Object.keys(after) as (keyof NodeObject)[]) {
    if (IGNORED.has(key) || jsonEqual(before[key], after[key])) continue
    changes[key] = { old: before[key], new: after[key] }
  }
  return changes
}

export function hasChanges(changes: NodeChanges): boolean {
  return Object.keys(changes).length > 0
}
