/**
 * The stages themselves: for each enabled extension, each pipeline, the per-object methods
 * (`…ForCluster` once, `…ForNode` per node entry whose uid is one of the nodes), then the seed-style
 * method over the whole facts. A method may change its argument in place or return a replacement.
 * A non-critical extension works on a copy, so a failure leaves the facts as they were.
 * @module
 */
import type { ClusterObject, ExtensionContext, JsonObject, NodeObject, PipelineMethod } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { effectiveConfig } from './extension-config.js'
import { skippedWhileDegraded } from './fault-policy.js'
import { type GuardOptions, guardedCall, type Outcome } from './guard.js'
import { extensionLogger } from './logger.js'
import type {
  PipelineRunnerDeps,
  PipelineRunOptions,
  PipelineStageName,
  PipelineStageRecord,
} from './pipeline-runner.js'
import type { BoundPipelineMethod, ResolvedPipeline } from './pipeline-specs.js'
import type { InstalledExtension } from './types.js'

type Facts = { nodes: Array<{ uid: string }> }

export interface StageInput<F> {
  trx: Kysely<Database>
  cluster: ClusterObject
  nodes: readonly NodeObject[]
  facts: F
  options: PipelineRunOptions
  /** The environment's enabled, installed extensions, in order. */
  extensions: readonly InstalledExtension[]
  deps: PipelineRunnerDeps
}

const METHODS: Record<PipelineStageName, { cluster: PipelineMethod; node: PipelineMethod; whole: PipelineMethod }> = {
  provisioning: {
    cluster: 'processProvisioningForCluster',
    node: 'processProvisioningForNode',
    whole: 'processProvisioning',
  },
  deployment: { cluster: 'processDeploymentForCluster', node: 'processDeploymentForNode', whole: 'processDeployment' },
}

/** Deployment's environment part is `common`; provisioning's is everything but `nodes`. */
const clusterPart = {
  get: (stage: PipelineStageName, data: Facts & Record<string, unknown>): JsonObject => {
    if (stage === 'deployment') return data.common as JsonObject
    const { nodes: _nodes, ...rest } = data
    return rest as JsonObject
  },
  set: <F extends Facts>(stage: PipelineStageName, data: F, part: JsonObject): F =>
    (stage === 'deployment' ? { ...data, common: part } : { ...part, nodes: data.nodes }) as F,
}

export async function runStages<F extends Facts>(stage: PipelineStageName, input: StageInput<F>): Promise<F> {
  let data = input.facts
  if (input.extensions.length > 0) input.options.observer?.begin(data)
  const objects = input.deps.makeObjects(input.trx)
  const skipped = await skippedWhileDegraded(input.deps.faults, input.trx, input.extensions)
  for (const installed of input.extensions) {
    if (skipped.has(installed.extension.name)) continue
    const logger = extensionLogger(input.deps.log, installed.extension.name)
    const config = await effectiveConfig(input.trx as Kysely<unknown>, installed.extension, input.cluster.id)
    const ctx: ExtensionContext = { db: input.trx, objects, logger, config }
    for (const pipeline of installed.pipelines)
      data = await runPipeline(stage, data, { installed, pipeline, ctx, input })
  }
  return data
}

interface PipelineCall<F> {
  installed: InstalledExtension
  pipeline: ResolvedPipeline
  ctx: ExtensionContext
  input: StageInput<F>
  /** The facts as they are now (for the observer). */
  current?: () => F
}

async function runPipeline<F extends Facts>(stage: PipelineStageName, start: F, call: PipelineCall<F>): Promise<F> {
  const { cluster, node, whole } = METHODS[stage]
  const { input, ctx } = call
  let data = start
  call.current = () => data
  await timed(call, cluster, async (method) => {
    const part = clusterPart.get(stage, data as F & Record<string, unknown>)
    const result = await invokeNow(call, guardOptions(call, cluster), method, part, (copy) => [
      input.cluster,
      copy,
      ctx,
    ])
    if (result.ok) data = clusterPart.set(stage, data, result.value)
    return 1
  })
  await timed(call, node, async (method) => {
    const byUid = new Map(input.nodes.map((n) => [String(n.id), n]))
    const entries = [...data.nodes]
    const guard = guardOptions(call, node)
    let calls = 0
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as Facts['nodes'][number]
      const owner = byUid.get(entry.uid)
      if (!owner) continue
      calls++
      const pending = invokeNow(call, guard, method, entry, (copy) => [owner, copy, ctx])
      // Awaited only when it is a promise: most per-node methods answer synchronously.
      const result = pending instanceof Promise ? await pending : pending
      if (result.ok) entries[i] = result.value
    }
    data = { ...data, nodes: entries }
    return calls
  })
  await timed(call, whole, async (method) => {
    const kwargs = { ignoreCustomized: input.options.ignoreCustomized === true, ctx }
    const result = await invokeNow(call, guardOptions(call, whole), method, data, (copy) => [
      copy,
      input.cluster,
      input.nodes,
      kwargs,
    ])
    if (result.ok) data = result.value
    return 1
  })
  return data
}

type Invoked<T> = { ok: true; value: T } | { ok: false }

/**
 * Calls one method on `value` (a copy for non-critical extensions); the result, or the value it
 * changed in place. Synchronous when the method and its guard are (guard.ts `guardedCall`).
 */
function invokeNow<T, F>(
  call: PipelineCall<F>,
  guard: GuardOptions,
  method: BoundPipelineMethod,
  value: T,
  args: (value: T) => unknown[],
): Invoked<T> | Promise<Invoked<T>> {
  const target = call.installed.extension.critical === false ? structuredClone(value) : value
  const outcome = guardedCall(guard, () => method(...args(target)))
  return outcome instanceof Promise ? outcome.then((o) => settled(o, target)) : settled(outcome, target)
}

function settled<T>(outcome: Outcome<unknown>, target: T): Invoked<T> {
  return outcome.ok ? { ok: true, value: (outcome.value ?? target) as T } : outcome
}

function guardOptions<F>(call: PipelineCall<F>, name: PipelineMethod): GuardOptions {
  return {
    extension: call.installed.extension,
    stage: `${call.pipeline.name}.${name}`,
    log: call.input.deps.log,
    db: call.input.trx as Kysely<unknown>,
    faults: call.input.deps.faults,
  }
}

/** Runs `body` when the pipeline has the method, records how long it took, shows the observer the facts it left. */
async function timed<F>(
  call: PipelineCall<F>,
  name: PipelineMethod,
  body: (m: BoundPipelineMethod) => Promise<number>,
) {
  const method = call.pipeline.methods[name]
  if (!method) return
  const started = performance.now()
  const calls = await body(method)
  const record: PipelineStageRecord = {
    stage: name.startsWith('processProvisioning') ? 'provisioning' : 'deployment',
    extension: call.installed.extension.name,
    pipeline: call.pipeline.name,
    method: name,
    calls,
    durationMs: performance.now() - started,
  }
  call.input.options.trace?.push(record)
  call.input.options.observer?.after(record, call.installed.extension, call.current?.())
}
