/**
 * The deterministic order of installed extensions: a topological sort over `requires`, `after`
 * and `before`, ties broken by name, never by install or discovery order (Nailgun's was whatever
 * the package index returned). Every position comes with the reasons that put it there, for
 * `nailgun extension order`.
 * @module
 */
import { errors } from '../errors.js'

export interface OrderInput {
  name: string
  requires: readonly string[]
  after: readonly string[]
  before: readonly string[]
}

export interface OrderedExtension {
  name: string
  /** 0-based. */
  position: number
  /** Why it sits there: the constraints that placed it after others, or the name tie-break. */
  reasons: string[]
}

interface Edge {
  from: string
  to: string
  reason: string
}

/**
 * Orders the extensions. Throws NG_ERR_EXTENSION_LOAD for a missing requirement or a cycle; the
 * error's `errors[0].extensions` names the extensions at fault.
 */
export function orderExtensions(inputs: readonly OrderInput[]): OrderedExtension[] {
  const edges = collectEdges(inputs)
  const incoming = new Map(inputs.map((e) => [e.name, [] as Edge[]]))
  for (const edge of edges) incoming.get(edge.to)?.push(edge)
  const placed = new Set<string>()
  const result: OrderedExtension[] = []
  while (result.length < inputs.length) {
    const ready = [...incoming.keys()]
      .filter((name) => !placed.has(name) && (incoming.get(name) ?? []).every((e) => placed.has(e.from)))
      .sort()
    const next = ready[0]
    if (next === undefined) throw cycleError(edges.filter((e) => !placed.has(e.from) && !placed.has(e.to)))
    placed.add(next)
    const reasons = (incoming.get(next) ?? []).map((e) => e.reason)
    if (reasons.length === 0) reasons.push('no ordering constraints (ties are broken by name)')
    else if (ready.length > 1)
      reasons.push(
        `before ${ready
          .slice(1)
          .map((n) => `'${n}'`)
          .join(', ')} by name`,
      )
    result.push({ name: next, position: result.length, reasons })
  }
  return result
}

function collectEdges(inputs: readonly OrderInput[]): Edge[] {
  const installed = new Set(inputs.map((e) => e.name))
  const edges: Edge[] = []
  for (const e of inputs) {
    for (const needed of e.requires) {
      if (!installed.has(needed)) {
        throw errors.extensionLoad(`Extension '${e.name}' requires '${needed}', which is not installed`, {
          errors: [{ rule: 'requires', extensions: [e.name], missing: needed }],
        })
      }
      edges.push({ from: needed, to: e.name, reason: `after '${needed}': '${e.name}' requires it` })
    }
    // `after` and `before` only order against extensions that are installed; absent ones are ignored.
    for (const other of e.after.filter((n) => installed.has(n))) {
      edges.push({ from: other, to: e.name, reason: `after '${other}': '${e.name}' lists it in after` })
    }
    for (const other of e.before.filter((n) => installed.has(n))) {
      edges.push({ from: e.name, to: other, reason: `after '${e.name}': '${e.name}' lists '${other}' in before` })
    }
  }
  return edges
}

/**
 * Spells one cycle out from the edges left when no extension could go next, in "must run after"
 * direction (`a -> b -> a`: a after b, b after a), starting from the smallest name.
 */
function cycleError(edges: Edge[]): Error {
  const previous = new Map<string, string[]>()
  for (const edge of edges) previous.set(edge.to, [...(previous.get(edge.to) ?? []), edge.from].sort())
  // Every blocked extension waits for another blocked one, so walking back always meets a repeat.
  const path = [[...previous.keys()].sort()[0] ?? '']
  for (;;) {
    const back = previous.get(path.at(-1) ?? '')?.[0] ?? ''
    const seen = path.indexOf(back)
    if (seen >= 0 || back === '') {
      const members = path.slice(Math.max(seen, 0))
      const first = members.indexOf([...members].sort()[0] ?? '')
      const rotated = [...members.slice(first), ...members.slice(0, first)]
      const cycle = [...rotated, rotated[0] ?? '']
      return errors.extensionLoad(`Extension order has a cycle: ${cycle.join(' -> ')} (each must run after the next)`, {
        errors: [{ rule: 'order', extensions: [...members].sort(), cycle }],
      })
    }
    path.push(back)
  }
}
