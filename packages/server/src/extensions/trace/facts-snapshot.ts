/**
 * Cheap change detection between stages: the environment part (every key but `nodes`) and each
 * node entry are kept as JSON text. After a stage only the parts it may have touched are
 * serialized again; a part whose text changed is diffed (RFC 6902) against its previous value,
 * so an unchanged node costs one JSON.stringify and no diff.
 * @module
 */
import jsonPatch from 'fast-json-patch'
import type { PatchOperation } from './trace-types.js'

type Facts = { nodes?: unknown } & Record<string, unknown>

export interface Changes {
  patch: PatchOperation[]
  environment: boolean
  /** Indices of the node entries that changed, or `all` when the list itself changed. */
  nodes: number[] | 'all'
}

export function environmentPart(facts: unknown): Record<string, unknown> {
  const { nodes: _nodes, ...rest } = facts as Facts
  return rest
}

export function nodeList(facts: unknown): unknown[] | undefined {
  const nodes = (facts as Facts).nodes
  return Array.isArray(nodes) ? nodes : undefined
}

export class FactsSnapshot {
  #environment: string
  #nodes: string[]
  #list: string | undefined

  constructor(facts: unknown) {
    this.#environment = JSON.stringify(environmentPart(facts))
    const nodes = nodeList(facts)
    this.#nodes = nodes ? nodes.map((node) => JSON.stringify(node)) : []
    this.#list = nodes ? undefined : JSON.stringify((facts as Facts).nodes ?? null)
  }

  /** What changed in the given parts since the last call, and remembers the new state. */
  update(facts: unknown, parts: { environment: boolean; nodes: boolean }): Changes {
    const changes: Changes = { patch: [], environment: false, nodes: [] }
    if (parts.environment) this.#updateEnvironment(facts, changes)
    if (parts.nodes) this.#updateNodes(facts, changes)
    return changes
  }

  #updateEnvironment(facts: unknown, changes: Changes): void {
    const part = environmentPart(facts)
    const text = JSON.stringify(part)
    if (text === this.#environment) return
    changes.patch.push(...(jsonPatch.compare(JSON.parse(this.#environment), part) as PatchOperation[]))
    changes.environment = true
    this.#environment = text
  }

  #updateNodes(facts: unknown, changes: Changes): void {
    const nodes = nodeList(facts)
    if (!nodes || nodes.length !== this.#nodes.length || this.#list !== undefined) {
      this.#replaceList(facts, nodes, changes)
      return
    }
    const changed: number[] = []
    for (const [i, node] of nodes.entries()) {
      const text = JSON.stringify(node)
      if (text === this.#nodes[i]) continue
      const before = JSON.parse(this.#nodes[i] as string) as object
      for (const op of jsonPatch.compare(before, node as object) as PatchOperation[]) {
        changes.patch.push({ ...op, path: `/nodes/${i}${op.path}` })
      }
      this.#nodes[i] = text
      changed.push(i)
    }
    changes.nodes = changed
  }

  /** The list grew, shrank or is no list: diff it whole (rare; a seed-style method did it). */
  #replaceList(facts: unknown, nodes: unknown[] | undefined, changes: Changes): void {
    const before = this.#list === undefined ? this.#nodes.map((t) => JSON.parse(t)) : JSON.parse(this.#list)
    const after = (facts as Facts).nodes ?? null
    const patch = jsonPatch.compare({ nodes: before }, { nodes: after }) as PatchOperation[]
    if (patch.length === 0) return
    changes.patch.push(...patch)
    changes.nodes = 'all'
    this.#nodes = nodes ? nodes.map((node) => JSON.stringify(node)) : []
    this.#list = nodes ? undefined : JSON.stringify(after)
  }
}
