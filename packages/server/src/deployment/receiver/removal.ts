/**
 * The node part of `remove_nodes_resp` and `remove_cluster_resp`: removed and unreachable nodes
 * are deleted (`onNodeDelete`, `onNodeCollectionDelete`), failed ones marked `error`/`deletion`.
 * Only nodes the task asked to remove are touched, whatever the response lists.
 */
import type { NodeObject } from '@nailgun/extensions'
import { deleteNodes, lockNodes, updateNode } from '../../domain/node/index.js'
import type { TaskRecord } from '../../domain/task/index.js'
import type { OrchestratorResponseArgs } from '../../orchestrator/types.js'
import { messageNodeIds } from '../tasks/messages.js'
import { notify, type ReceiverContext } from './receiver-context.js'

interface RemovalEntry {
  uid?: unknown
  error?: unknown
  error_msg?: unknown
}

function entries(value: unknown): RemovalEntry[] {
  return Array.isArray(value) ? value.filter((e): e is RemovalEntry => typeof e === 'object' && e !== null) : []
}

function idsOf(list: readonly RemovalEntry[], allowed: ReadonlySet<number>): number[] {
  return list.map((e) => Number(e.uid)).filter((id) => allowed.has(id))
}

function errorText(entry: RemovalEntry | undefined): string {
  const text = entry?.error_msg ?? entry?.error
  return typeof text === 'string' && text !== '' ? text : 'Unknown error'
}

export async function applyRemoval(rc: ReceiverContext, task: TaskRecord, args: OrchestratorResponseArgs) {
  const allowed = new Set(messageNodeIds(task))
  const removed = idsOf([...entries(args.nodes), ...entries(args.inaccessible_nodes)], allowed)
  const deleted = await deleteNodes(rc.trx, removed, rc.ctx.extensions)
  const failures = entries(args.error_nodes)
  const failed = await lockNodes(rc.trx, rc.ctx.database.dialect, idsOf(failures, allowed))
  for (const node of failed) {
    const entry = failures.find((e) => Number(e.uid) === node.id)
    await updateNode(rc.trx, node.id, {
      status: 'error',
      errorType: 'deletion',
      errorMsg: errorText(entry),
      progress: 100,
    })
  }
  await notifyRemoval(rc, task, deleted, failed)
}

async function notifyRemoval(rc: ReceiverContext, task: TaskRecord, deleted: NodeObject[], failed: NodeObject[]) {
  const about = { clusterId: task.clusterId, taskId: task.id }
  if (deleted.length > 0) {
    await notify(rc, { topic: 'done', message: `Successfully removed ${deleted.length} node(s)`, ...about })
  }
  if (failed.length > 0) {
    const names = failed.map((node) => `'${node.name}'`).join(', ')
    await notify(rc, { topic: 'error', message: `Failed to remove ${failed.length} node(s): ${names}`, ...about })
  }
}
