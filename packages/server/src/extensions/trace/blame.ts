/**
 * Blame: which extension last set each part of the facts, derived from the stages' patches in
 * order. A tree of JSON-pointer segments: setting a pointer makes the stage its owner and forgets
 * what was recorded below it (the whole value is the stage's now); removing one records who
 * removed it. A field no stage touched, nor any of its parents, is `core`'s.
 * @module
 */
import type { Culprit, TraceStage } from './trace-types.js'

interface Entry {
  stage?: TraceStage
  removed?: boolean
  children: Map<string, Entry>
}

export interface BlameAnswer {
  pointer: string
  setBy: Culprit
  /** Where the stage wrote: the pointer itself or one of its parents. */
  at?: string
  pipeline?: string
  method?: string
  /** True when the last change there was a removal. */
  removed?: boolean
}

export class Blame {
  readonly #root: Entry = { children: new Map() }

  static of(stages: readonly TraceStage[]): Blame {
    const blame = new Blame()
    for (const stage of stages) {
      for (const op of stage.patch) {
        if (op.op === 'add' || op.op === 'replace' || op.op === 'copy' || op.op === 'move') {
          blame.#mark(op.path, stage, false)
        }
        if (op.op === 'remove') blame.#mark(op.path, stage, true)
        if (op.op === 'move' && op.from) blame.#mark(op.from, stage, true)
      }
    }
    return blame
  }

  #mark(pointer: string, stage: TraceStage, removed: boolean): void {
    let entry = this.#root
    for (const segment of segments(pointer)) {
      let child = entry.children.get(segment)
      if (!child) {
        child = { children: new Map() }
        entry.children.set(segment, child)
      }
      entry = child
    }
    entry.stage = stage
    entry.removed = removed
    entry.children = new Map()
  }

  /** Who set `pointer`: its own entry, else its nearest parent's, else core. */
  explain(pointer: string): BlameAnswer {
    let entry = this.#root
    let found: { entry: Entry; depth: number } | undefined
    const parts = segments(pointer)
    for (const [depth, segment] of parts.entries()) {
      const child = entry.children.get(segment)
      if (!child) break
      entry = child
      if (child.stage) found = { entry: child, depth: depth + 1 }
    }
    const stage = found?.entry.stage
    if (!found || !stage) return { pointer, setBy: 'core' }
    const answer: BlameAnswer = {
      pointer,
      setBy: culprit(stage),
      at: join(parts.slice(0, found.depth)),
      pipeline: stage.pipeline,
      method: stage.method,
    }
    if (found.entry.removed) answer.removed = true
    return answer
  }

  /** `{pointer: extension@version}` for every pointer an extension set, and those it removed. */
  toMaps(): { blame: Record<string, Culprit>; removed: Record<string, Culprit> } {
    const blame: Record<string, Culprit> = {}
    const removed: Record<string, Culprit> = {}
    const walk = (entry: Entry, prefix: string) => {
      for (const [segment, child] of entry.children) {
        const pointer = `${prefix}/${escapeSegment(segment)}`
        if (child.stage) (child.removed ? removed : blame)[pointer] = culprit(child.stage)
        walk(child, pointer)
      }
    }
    walk(this.#root, '')
    return { blame, removed }
  }
}

export function culprit(stage: Pick<TraceStage, 'extension' | 'version'>): Culprit {
  return `${stage.extension}@${stage.version}`
}

/** RFC 6901: `/a~1b/c` → `['a/b', 'c']`; `''` is the whole document. */
export function segments(pointer: string): string[] {
  if (pointer === '') return []
  if (!pointer.startsWith('/')) throw new Error(`'${pointer}' is not a JSON pointer (it must start with '/')`)
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
}

export function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1')
}

function join(parts: readonly string[]): string {
  return parts.map((p) => `/${escapeSegment(p)}`).join('')
}

/** The value at `pointer` in `document`, or `{found: false}`. */
export function resolvePointer(document: unknown, pointer: string): { found: true; value: unknown } | { found: false } {
  let value = document
  for (const segment of segments(pointer)) {
    if (Array.isArray(value) && /^(0|[1-9][0-9]*)$/.test(segment) && Number(segment) < value.length) {
      value = value[Number(segment)]
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, segment)) {
      value = (value as Record<string, unknown>)[segment]
    } else {
      return { found: false }
    }
  }
  return { found: true, value }
}
