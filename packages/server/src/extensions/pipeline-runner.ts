/**
 * Runs the data pipelines of the extensions enabled on an environment, in the environment's
 * `extensions` order, each extension's pipelines in `dataPipelines` order, each stage getting the
 * previous stage's output. Nodes whose facts the user replaced are set aside first (except for
 * the `/defaults` endpoints, `ignoreCustomized`) and put back afterwards.
 * @module
 */

import type { ClusterObject, DeploymentFacts, NodeObject, ObjectsApi, ProvisioningFacts } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { putBack, setAside } from './customized-facts.js'
import { orderEnabled } from './enabled-order.js'
import type { FaultPolicy } from './fault-policy.js'
import type { HostLogger } from './logger.js'
import { runStages, type StageInput } from './pipeline-stages.js'
import type { StageObserver } from './trace/stage-observer.js'
import type { InstalledExtension } from './types.js'

export type PipelineStageName = 'provisioning' | 'deployment'

/** One pipeline method's run, for traces (a later step builds JSON-Patch traces on these). */
export interface PipelineStageRecord {
  stage: PipelineStageName
  extension: string
  pipeline: string
  method: string
  /** How many times it was called (per-node methods run once per node). */
  calls: number
  durationMs: number
}

export interface PipelineRunOptions {
  /** The `/defaults` endpoints: replaced facts are ignored and every node goes through. */
  ignoreCustomized?: boolean
  /** Receives one record per pipeline method that ran. */
  trace?: PipelineStageRecord[]
  /** Sees the facts after every method: JSON-Patch traces and the facts contract (trace/facts-watch.ts). */
  observer?: StageObserver
}

export interface PipelineRunner {
  runProvisioningPipelines(
    trx: Kysely<Database>,
    cluster: ClusterObject,
    nodes: readonly NodeObject[],
    facts: ProvisioningFacts,
    options?: PipelineRunOptions,
  ): Promise<ProvisioningFacts>
  runDeploymentPipelines(
    trx: Kysely<Database>,
    cluster: ClusterObject,
    nodes: readonly NodeObject[],
    facts: DeploymentFacts,
    options?: PipelineRunOptions,
  ): Promise<DeploymentFacts>
}

export interface PipelineRunnerDeps {
  installed: () => readonly InstalledExtension[]
  makeObjects: (trx: Kysely<Database>) => ObjectsApi
  log: HostLogger
  /** Counts failures; degraded non-critical extensions are skipped. */
  faults?: FaultPolicy
}

type Facts = { nodes: Array<{ uid: string }> }

export function createPipelineRunner(deps: PipelineRunnerDeps): PipelineRunner {
  const run = <F extends Facts>(
    stage: PipelineStageName,
    trx: Kysely<Database>,
    cluster: ClusterObject,
    nodes: readonly NodeObject[],
    facts: F,
    options: PipelineRunOptions = {},
  ) => runPipelines(stage, { trx, cluster, nodes, facts, options, extensions: enabledOn(cluster, deps), deps })
  return {
    runProvisioningPipelines: (trx, cluster, nodes, facts, options) =>
      run('provisioning', trx, cluster, nodes, facts, options),
    runDeploymentPipelines: (trx, cluster, nodes, facts, options) =>
      run('deployment', trx, cluster, nodes, facts, options),
  }
}

/** Sets replaced nodes aside, runs every stage, puts them back. */
export async function runPipelines<F extends Facts>(stage: PipelineStageName, input: StageInput<F>): Promise<F> {
  const customized = input.options.ignoreCustomized ? new Set<string>() : customizedUids(stage, input.nodes)
  const aside = setAside(input.facts.nodes, (entry) => customized.has(entry.uid))
  const nodes = input.nodes.filter((node) => !customized.has(String(node.id)))
  const data = { ...input.facts, nodes: aside.kept } as F
  const result = await runStages(stage, { ...input, nodes, facts: data })
  return { ...result, nodes: putBack(result.nodes, aside.removed) } as F
}

function customizedUids(stage: PipelineStageName, nodes: readonly NodeObject[]): Set<string> {
  const replaced = (node: NodeObject) =>
    stage === 'provisioning'
      ? Object.keys(node.replacedProvisioningInfo ?? {}).length > 0
      : (node.replacedDeploymentInfo ?? []).length > 0
  return new Set(nodes.filter(replaced).map((node) => String(node.id)))
}

/**
 * The environment's enabled extensions that are installed, in its order adjusted to their declared
 * ordering; the others are warned about.
 */
function enabledOn(cluster: ClusterObject, deps: PipelineRunnerDeps): InstalledExtension[] {
  const installed = deps.installed()
  const enabled = cluster.extensions.flatMap((name) => {
    const found = installed.find((i) => i.extension.name === name)
    if (found) return [found]
    const message = `Extension '${name}' is enabled on environment ${cluster.id} but not installed: its pipelines are skipped`
    deps.log.warn({ cluster: cluster.id, extension: name }, message)
    return []
  })
  return orderEnabled(enabled)
}
