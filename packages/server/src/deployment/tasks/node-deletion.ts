/**
 * `DELETE /nodes/<id>` and `DELETE /nodes?ids=` (Nailgun's NodeDeletionTaskManager): one
 * `node_deletion` task. Undeployed nodes are deleted at once (the task may finish right away);
 * deployed ones are wiped by the orchestrator first. The nodes must belong to one environment (or
 * none), on which no other exclusive task may run (Nailgun answers that with 403 here).
 */
import type { NodeObject } from '@nailgun/extensions'
import type { AppContext } from '../../context.js'
import { listNodes, lockNodes } from '../../domain/node/index.js'
import { createTask, findTask, type TaskRecord } from '../../domain/task/index.js'
import { errors } from '../../errors.js'
import { settleTask } from '../receiver/task-settle.js'
import { type Cast, dispatch } from './dispatch.js'
import { launchDeletion } from './launch-deletion.js'
import { lockIdleCluster } from './task-guard.js'
import { TASK } from './task-names.js'

const busy = () => errors.notAllowed('Cannot perform the actions because there are another running tasks.')

/** The one environment of the nodes (null: unassigned nodes); 404 for unknown ids, 400 for a mix. */
async function environmentOf(ctx: AppContext, ids: readonly number[]): Promise<number | null> {
  const nodes = await listNodes(ctx.database.db, { ids })
  const missing = ids.filter((id) => !nodes.some((node) => node.id === id))
  if (missing.length > 0 && ids.length === 1) throw errors.objectNotFound('Node')
  if (missing.length > 0) throw errors.objectsNotFound(`Nodes with ids ${missing.join(',')} were not found.`)
  const clusters = [...new Set(nodes.map((node) => node.clusterId))]
  if (clusters.length > 1) throw errors.invalidNodes('Nodes of different environments cannot be deleted together')
  return clusters[0] ?? null
}

export async function deleteNodesTask(ctx: AppContext, requested: readonly number[]): Promise<TaskRecord> {
  const ids = [...new Set(requested)]
  if (ids.length === 0) throw errors.invalidIdsList()
  const clusterId = await environmentOf(ctx, ids)
  const { task, casts } = await ctx.database.db.transaction().execute(async (trx) => {
    const cluster = clusterId === null ? undefined : await lockIdleCluster(ctx, trx, clusterId, busy)
    const nodes = await lockNodes(trx, ctx.database.dialect, ids)
    // A node that moved between the check and the locks: ask again rather than guess.
    if (nodes.length !== ids.length || nodes.some((node: NodeObject) => node.clusterId !== clusterId)) {
      throw errors.taskConflict('The nodes changed while the deletion was prepared; try again')
    }
    const created = await createTask(trx, { name: TASK.nodeDeletion, clusterId })
    const deletion = await launchDeletion(ctx, trx, cluster, nodes, created, 'remove_nodes_resp')
    if (deletion.launched) {
      return {
        task: deletion.task,
        casts: [{ messages: [deletion.launched.message], tasks: [deletion.task] }] as Cast[],
      }
    }
    return { task: await settleTask({ ctx, trx }, deletion.task, { status: 'ready' }), casts: [] as Cast[] }
  })
  await dispatch(ctx, casts)
  return (await findTask(ctx.database.db, task.id, { includeDeleted: true })) ?? task
}
