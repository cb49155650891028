/**
 * The order in which an environment's enabled extensions run their pipelines and environment-scoped
 * events: the environment's list order, except where an extension's declared `requires`, `after` or
 * `before` says otherwise (a stable topological sort, the environment's order breaking ties).
 */
import type { BaseExtension } from '@nailgun/extensions'

interface Named {
  extension: BaseExtension
}

export function orderEnabled<T extends Named>(enabled: readonly T[]): T[] {
  const names = new Set(enabled.map((e) => e.extension.name))
  const mustFollow = new Map<string, Set<string>>(enabled.map((e) => [e.extension.name, new Set<string>()]))
  for (const { extension } of enabled) {
    for (const dep of [...extension.requires, ...extension.after]) {
      if (names.has(dep)) mustFollow.get(extension.name)?.add(dep)
    }
    for (const later of extension.before) mustFollow.get(later)?.add(extension.name)
  }
  const placed = new Set<string>()
  const result: T[] = []
  while (result.length < enabled.length) {
    const next = enabled.find(
      (e) => !placed.has(e.extension.name) && [...(mustFollow.get(e.extension.name) ?? [])].every((d) => placed.has(d)),
    )
    // A cycle was refused at load time; should one slip through, keep the environment's order.
    const pick = next ?? enabled.find((e) => !placed.has(e.extension.name))!
    placed.add(pick.extension.name)
    result.push(pick)
  }
  return result
}
