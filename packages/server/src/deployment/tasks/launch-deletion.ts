/**
 * Node removal inside the caller's transaction (Nailgun's `DeletionTask`): nodes never deployed
 * (still `discover`) are deleted from the database at once, with their events; deployed ones are
 * marked `removing` and handed to the orchestrator, which wipes them and answers
 * `remove_nodes_resp` (or `remove_cluster_resp` for an environment deletion).
 */
import type { ClusterObject, NodeObject } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.js'
import type { Database } from '../../db/schema.js'
import { deleteNodes, updateNode } from '../../domain/node/index.js'
import { createNotification } from '../../domain/notification/index.js'
import { findRelease } from '../../domain/release/index.js'
import { type TaskRecord, updateTask } from '../../domain/task/index.js'
import { loadEngine } from '../master.js'
import type { Launched } from './launch-install.js'
import { asCache, removeNodesMessage } from './messages.js'

type Db = Kysely<Database>

export interface DeletionLaunch {
  task: TaskRecord
  /** Absent when every node was deleted at once: the task is done. */
  launched?: Launched
}

export async function launchDeletion(
  ctx: AppContext,
  trx: Db,
  cluster: ClusterObject | undefined,
  nodes: readonly NodeObject[],
  task: TaskRecord,
  respondTo: 'remove_nodes_resp' | 'remove_cluster_resp',
): Promise<DeletionLaunch> {
  const undeployed = nodes.filter((node) => node.status === 'discover')
  const deployed = nodes.filter((node) => node.status !== 'discover')
  const deleted = await deleteNodes(
    trx,
    undeployed.map((node) => node.id),
    ctx.extensions,
  )
  if (deleted.length > 0) {
    const message = `Successfully removed ${deleted.length} node(s)`
    await createNotification(trx, { topic: 'done', message, clusterId: task.clusterId, taskId: task.id })
  }
  if (deployed.length === 0) return { task }
  for (const node of deployed)
    await updateNode(trx, node.id, { status: 'removing', pendingDeletion: true, progress: 0 })
  const release = cluster ? await findRelease(trx, cluster.releaseId) : undefined
  const engine = await loadEngine(trx, release, cluster?.netProvider)
  const message = removeNodesMessage(task, deployed, engine, respondTo)
  const stored = await updateTask(trx, task.id, { cache: asCache(message) })
  return { task: stored, launched: { task: stored, message } }
}
