/**
 * The observer behind traces and the facts contract. With `trace` on it diffs the facts after
 * every pipeline method (only the parts the method may touch: the environment part for
 * `…ForCluster`, the node entries for `…ForNode`, both for the seed-style methods) and keeps one
 * TraceStage each. With a contract it validates what changed (every touched part when not
 * tracing) and names the first stage that broke a rule: `report` logs a warning and records the
 * violations on the stage, `enforce` throws.
 * @module
 */
import type { BaseExtension } from '@nailgun/extensions'
import type { ContractMode, ContractViolation, FactsContract } from '../../deployment/facts-contract/facts-contract.js'
import { errors } from '../../errors.js'
import type { HostLogger } from '../logger.js'
import type { PipelineStageRecord } from '../pipeline-runner.js'
import { type Changes, environmentPart, FactsSnapshot, nodeList } from './facts-snapshot.js'
import type { StageObserver } from './stage-observer.js'
import type { FactsTrace, TraceStage } from './trace-types.js'

export interface FactsWatchOptions {
  contract: FactsContract
  /** `off` checks nothing (a trace is still kept when `trace` is on). */
  mode: ContractMode
  trace: boolean
  log: HostLogger
}

type Scope = 'cluster' | 'node' | 'whole'
const scopeOf = (method: string): Scope =>
  method.endsWith('ForCluster') ? 'cluster' : method.endsWith('ForNode') ? 'node' : 'whole'

const ENV = -1

export class FactsWatch implements StageObserver {
  readonly stages: TraceStage[] = []
  #snapshot: FactsSnapshot | undefined
  /** Current violations per part: ENV or a node index. */
  readonly #violations = new Map<number, ContractViolation[]>()
  #coreViolations: ContractViolation[] = []
  #uids: unknown[] = []
  #overheadMs = 0
  #began = false
  #nodesAreList = true

  constructor(readonly options: FactsWatchOptions) {}

  get checking(): boolean {
    return this.options.mode !== 'off'
  }

  begin(facts: unknown): void {
    const started = performance.now()
    this.#began = true
    const nodes = nodeList(facts) ?? []
    this.#uids = nodes.map((node) => (node as { uid?: unknown })?.uid)
    if (this.options.trace) this.#snapshot = new FactsSnapshot(facts)
    if (this.checking) this.#baseline(facts)
    this.#overheadMs += performance.now() - started
  }

  /** The violations core's facts have before any extension ran: never charged to a stage. */
  #baseline(facts: unknown): void {
    this.#check(facts, ENV)
    const count = nodeList(facts)?.length ?? 0
    for (let i = 0; i < count; i++) this.#check(facts, i)
    this.#coreViolations = [...this.#violations.values()].flat()
  }

  after(record: PipelineStageRecord, extension: BaseExtension, facts: unknown): void {
    const started = performance.now()
    const scope = scopeOf(record.method)
    const parts = { environment: scope !== 'node', nodes: scope !== 'cluster' }
    const changes = this.#snapshot?.update(facts, parts)
    const broken = this.checking ? this.#recheck(facts, parts, changes) : []
    const stage: TraceStage = {
      index: this.stages.length,
      ...record,
      version: extension.version,
      patch: changes?.patch ?? [],
    }
    if (broken.length > 0) stage.contractViolations = broken
    if (this.options.trace) this.stages.push(stage)
    this.#overheadMs += performance.now() - started
    if (broken.length > 0) this.#breach(stage, broken)
  }

  /** The trace, with node paths moved to the nodes' places in `final` (replaced nodes put back). */
  finish(final: unknown): FactsTrace {
    // No extension ran: the facts are core's alone, checked once here.
    if (!this.#began && this.checking) this.#baseline(final)
    const move = this.#placement(final)
    if (move) for (const stage of this.stages) relocate(stage, move)
    return {
      kind: this.options.contract.kind,
      contract: { mode: this.options.mode, coreViolations: this.#coreViolations },
      stages: this.stages,
      overheadMs: this.#overheadMs,
    }
  }

  /** Checks again the parts that changed (every touched part when nothing is diffed); the new violations. */
  #recheck(facts: unknown, parts: { environment: boolean; nodes: boolean }, changes?: Changes): ContractViolation[] {
    const fresh: ContractViolation[] = []
    if (parts.environment && (!changes || changes.environment)) fresh.push(...this.#check(facts, ENV))
    if (!parts.nodes) return fresh
    const nodes = nodeList(facts)
    const wasList = this.#nodesAreList
    this.#nodesAreList = nodes !== undefined
    if (!nodes) return wasList ? [...fresh, { path: '/nodes', message: 'must be array' }] : fresh
    const indices = changes && changes.nodes !== 'all' ? changes.nodes : nodes.map((_, i) => i)
    if (changes?.nodes === 'all' || !changes)
      for (const key of [...this.#violations.keys()]) if (key >= nodes.length) this.#violations.delete(key)
    for (const i of indices) fresh.push(...this.#check(facts, i))
    return fresh
  }

  /** Validates one part, remembers its violations and returns those it did not have before. */
  #check(facts: unknown, part: number): ContractViolation[] {
    const { contract } = this.options
    const found =
      part === ENV
        ? contract.checkEnvironment(environmentPart(facts))
        : contract.checkNode(nodeList(facts)?.[part], part)
    const had = this.#violations.get(part)
    // The usual case, a valid part that was valid: nothing to compare (110,000 checks for 10,000 nodes).
    if (found.length === 0 && had === undefined) return found
    const before = new Set((had ?? []).map(key))
    if (found.length > 0) this.#violations.set(part, found)
    else this.#violations.delete(part)
    return found.filter((violation) => !before.has(key(violation)))
  }

  #breach(stage: TraceStage, broken: ContractViolation[]): void {
    const where = `${stage.pipeline}.${stage.method}`
    const detail = broken.map((v) => `${v.path} ${v.message}`).join('; ')
    const message = `Extension '${stage.extension}' broke the ${stage.stage} facts contract in ${where}: ${detail}`
    const data = { extension: stage.extension, version: stage.version, pipeline: stage.pipeline, method: stage.method }
    if (this.options.mode === 'enforce') {
      throw errors.factsContractBroken(message, { errors: broken.map((v) => ({ ...data, ...v })) })
    }
    this.options.log.warn({ ...data, stage: stage.stage, violations: broken }, message)
  }

  /** Index in the pipelines' view → index in the final facts, when they differ (by uid). */
  #placement(final: unknown): Map<number, number> | undefined {
    const nodes = nodeList(final)
    if (!nodes || this.stages.length === 0) return undefined
    const byUid = new Map(nodes.map((node, i) => [(node as { uid?: unknown })?.uid, i]))
    const move = new Map<number, number>()
    this.#uids.forEach((uid, i) => {
      const to = byUid.get(uid)
      if (to !== undefined && to !== i) move.set(i, to)
    })
    return move.size > 0 ? move : undefined
  }
}

const key = (v: ContractViolation) => `${v.path}\u0000${v.message}`

const NODE_PATH = /^\/nodes\/(\d+)(?=\/|$)/

function relocate(stage: TraceStage, move: Map<number, number>): void {
  const fix = (path: string) =>
    path.replace(NODE_PATH, (whole, index: string) => {
      const to = move.get(Number(index))
      return to === undefined ? whole : `/nodes/${to}`
    })
  for (const op of stage.patch) op.path = fix(op.path)
  for (const violation of stage.contractViolations ?? []) violation.path = fix(violation.path)
}
