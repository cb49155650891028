/**
 * The subtasks of a `deploy` supertask, each created and launched inside the launching
 * transaction: `node_deletion` (cast on its own, so a failed removal does not hold up the rest),
 * then `provision` and `deployment` (one cast: the orchestrator deploys once provisioning is done,
 * and aborts the deployment when it failed).
 */
import type { ClusterObject, NodeObject } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.js'
import type { Database } from '../../db/schema.js'
import { updateCluster } from '../../domain/cluster/index.js'
import { createTask, type TaskRecord } from '../../domain/task/index.js'
import type { Cast } from './dispatch.js'
import { launchDeletion } from './launch-deletion.js'
import { type Launched, launchDeployment, launchProvision } from './launch-install.js'
import { TASK, WEIGHTS } from './task-names.js'

export interface SupertaskParts {
  ctx: AppContext
  trx: Kysely<Database>
  cluster: ClusterObject
  supertask: TaskRecord
}

function subtask(parts: SupertaskParts, name: string, weight: number): Promise<TaskRecord> {
  const { trx, cluster, supertask } = parts
  return createTask(trx, { name, clusterId: cluster.id, parentId: supertask.id, weight })
}

/** The removal cast, or the subtask already `done` when every node was deleted at once. */
export async function launchRemoval(
  parts: SupertaskParts,
  nodes: readonly NodeObject[],
): Promise<{ cast?: Cast; done?: TaskRecord }> {
  if (nodes.length === 0) return {}
  const task = await subtask(parts, TASK.nodeDeletion, WEIGHTS.nodeDeletion)
  const deletion = await launchDeletion(parts.ctx, parts.trx, parts.cluster, nodes, task, 'remove_nodes_resp')
  if (!deletion.launched) return { done: deletion.task }
  return { cast: { messages: [deletion.launched.message], tasks: [parts.supertask, deletion.task] } }
}

/** Provisioning then deployment in one cast; the environment is `deployment` meanwhile. */
export async function launchInstall(
  parts: SupertaskParts,
  toProvision: readonly NodeObject[],
  toDeploy: readonly NodeObject[],
): Promise<Cast | undefined> {
  const { ctx, trx, cluster } = parts
  const launched: Launched[] = []
  if (toProvision.length > 0) {
    const task = await subtask(parts, TASK.provision, WEIGHTS.provision)
    launched.push(await launchProvision(ctx, trx, cluster, toProvision, task))
  }
  if (toDeploy.length > 0) {
    const task = await subtask(parts, TASK.deployment, WEIGHTS.deployment)
    const provisioned = new Set(toProvision.map((node) => node.id))
    launched.push(await launchDeployment(ctx, trx, cluster, toDeploy, task, provisioned))
  }
  if (launched.length === 0) return undefined
  await updateCluster(trx, cluster.id, { status: 'deployment' })
  return { messages: launched.map((l) => l.message), tasks: [parts.supertask, ...launched.map((l) => l.task)] }
}
