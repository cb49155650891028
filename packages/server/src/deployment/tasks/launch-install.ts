/**
 * Provisioning and deployment launches inside the caller's transaction: build the facts (before
 * touching the nodes: the facts describe them as they are), store the message in the task's
 * `cache` and the facts trace beside it (`GET /tasks/<id>/trace`), and put the nodes at the start
 * of their path (see receiver/node-state.ts).
 */
import type { ClusterObject, NodeObject } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.js'
import type { Database } from '../../db/schema.js'
import { updateNode } from '../../domain/node/index.js'
import { type TaskRecord, updateTask } from '../../domain/task/index.js'
import { saveTaskTrace } from '../../extensions/trace/trace-store.js'
import type { OrchestratorMessage } from '../../orchestrator/types.js'
import { tracingWatch } from '../facts-contract/facts-watches.js'
import { buildDeploymentFacts, buildProvisioningFacts } from '../facts-service.js'
import { asCache, deploymentMessage, provisionMessage } from './messages.js'

type Db = Kysely<Database>

export interface Launched {
  task: TaskRecord
  message: OrchestratorMessage
}

async function keep(trx: Db, task: TaskRecord, message: OrchestratorMessage): Promise<Launched> {
  const stored = await updateTask(trx, task.id, { cache: asCache(message) })
  return { task: stored, message }
}

export async function launchProvision(
  ctx: AppContext,
  trx: Db,
  cluster: ClusterObject,
  nodes: readonly NodeObject[],
  task: TaskRecord,
): Promise<Launched> {
  const watch = tracingWatch(ctx, 'provisioning')
  const facts = await buildProvisioningFacts(ctx, trx, { cluster, nodes, observer: watch })
  const launched = await keep(trx, task, provisionMessage(task, facts))
  await saveTaskTrace(trx, task.id, watch.finish(facts))
  for (const node of nodes) {
    await updateNode(trx, node.id, { status: 'provisioning', progress: 0, errorType: null, errorMsg: null })
  }
  return launched
}

/**
 * Nailgun's `DeploymentTask.message`: pending roles become roles, the nodes are no longer pending
 * addition, progress restarts. Nodes provisioned in the same run stay `provisioning` until then.
 */
export async function launchDeployment(
  ctx: AppContext,
  trx: Db,
  cluster: ClusterObject,
  nodes: readonly NodeObject[],
  task: TaskRecord,
  provisioned: ReadonlySet<number> = new Set(),
): Promise<Launched> {
  const watch = tracingWatch(ctx, 'deployment')
  const facts = await buildDeploymentFacts(ctx, trx, { cluster, nodes, observer: watch })
  const launched = await keep(trx, task, deploymentMessage(task, facts))
  await saveTaskTrace(trx, task.id, watch.finish(facts))
  for (const node of nodes) {
    const roles = [...new Set([...node.roles, ...node.pendingRoles])]
    const start = provisioned.has(node.id) ? {} : { status: 'deploying' as const, errorType: null, errorMsg: null }
    await updateNode(trx, node.id, { roles, pendingRoles: [], pendingAddition: false, progress: 0, ...start })
  }
  return launched
}
