/**
 * Traces on demand (an environment's facts, as `/defaults` builds them, every stage diffed) and
 * after the fact (a task's stored trace, explained against the facts its message carried).
 * @module
 */
import type { AppContext } from '../../context.js'
import { tracingWatch } from '../../deployment/facts-contract/facts-watches.js'
import { clusterNodes, selectNodes } from '../../deployment/facts-input.js'
import { buildDeploymentFacts, buildProvisioningFacts } from '../../deployment/facts-service.js'
import { findCluster } from '../../domain/cluster/index.js'
import { findTask } from '../../domain/task/index.js'
import { errors } from '../../errors.js'
import { loadTaskTrace } from './trace-store.js'
import type { FactsTrace } from './trace-types.js'

export type FactsKind = FactsTrace['kind']

export interface Traced {
  trace: FactsTrace
  facts: unknown
}

/** Builds the environment's facts as `/defaults` does (every node, replaced facts ignored), tracing every stage. */
export async function traceClusterFacts(
  ctx: AppContext,
  clusterId: number,
  kind: FactsKind,
  nodeIds?: number[],
): Promise<Traced> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const cluster = await findCluster(trx, clusterId)
    if (!cluster) throw errors.objectNotFound('Cluster')
    const nodes = selectNodes(await clusterNodes(trx, cluster.id), nodeIds, cluster.id)
    const watch = tracingWatch(ctx, kind, true)
    const request = { cluster, nodes, ignoreCustomized: true, observer: watch }
    const facts =
      kind === 'deployment'
        ? await buildDeploymentFacts(ctx, trx, request)
        : await buildProvisioningFacts(ctx, trx, request)
    return { trace: watch.finish(facts), facts }
  })
}

/** A task's stored trace and the facts its message carried; 404 for a task without one. */
export async function taskTrace(ctx: AppContext, taskId: number, objectName: string): Promise<Traced> {
  const task = await findTask(ctx.database.db, taskId)
  if (!task) throw errors.objectNotFound(objectName)
  const trace = await loadTaskTrace(ctx.database.db, task.id)
  if (!trace) throw errors.objectNotFound(`Facts trace of ${objectName.toLowerCase()} ${task.id}`)
  const args = (task.cache as { args?: Record<string, unknown> }).args ?? {}
  return { trace, facts: trace.kind === 'deployment' ? args.deployment_info : args.provisioning_info }
}
