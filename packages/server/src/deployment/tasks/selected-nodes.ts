/**
 * `PUT /clusters/<id>/provision?nodes=` and `PUT /clusters/<id>/deploy?nodes=` (Nailgun's
 * ProvisioningTaskManager and DeploymentTaskManager): one top-level task for the listed nodes, or
 * for the nodes waiting for it. No pre-deployment check: the operator chose the nodes.
 */
import type { NodeObject } from '@nailgun/extensions'
import type { AppContext } from '../../context.js'
import { lockCluster, updateCluster } from '../../domain/cluster/index.js'
import { listNodes } from '../../domain/node/index.js'
import { createTask, findTask, type TaskRecord } from '../../domain/task/index.js'
import { errors } from '../../errors.js'
import { clusterNodes, selectNodes } from '../facts-input.js'
import { type Cast, dispatch } from './dispatch.js'
import { recordLaunchFailure } from './launch-failure.js'
import { launchDeployment, launchProvision } from './launch-install.js'
import { hasRoles, nodesToDeploy, nodesToProvision } from './node-selection.js'
import { lockIdleCluster } from './task-guard.js'
import { TASK } from './task-names.js'

export type SelectedKind = typeof TASK.provision | typeof TASK.deployment

const NOT_INSTALLED: readonly string[] = ['discover', 'provisioning', 'removing']

const idList = (nodes: readonly NodeObject[]) => nodes.map((node) => node.id).join(', ')

/** The nodes to run on, or 400 naming the ones that cannot be. */
function pick(kind: SelectedKind, all: NodeObject[], ids: number[] | undefined, clusterId: number): NodeObject[] {
  const nodes = ids
    ? selectNodes(all, ids, clusterId)
    : kind === TASK.provision
      ? nodesToProvision(all)
      : nodesToDeploy(all)
  if (nodes.length === 0) throw errors.noChanges(`No nodes to ${kind === TASK.provision ? 'provision' : 'deploy'}`)
  const deleting = nodes.filter((node) => node.pendingDeletion)
  if (deleting.length > 0) throw errors.wrongNodeStatus(`Nodes ${idList(deleting)} are pending deletion`)
  if (kind === TASK.deployment) {
    const bare = nodes.filter((node) => NOT_INSTALLED.includes(node.status))
    if (bare.length > 0) throw errors.wrongNodeStatus(`Nodes ${idList(bare)} are not provisioned yet`)
    const roleless = nodes.filter((node) => !hasRoles(node))
    if (roleless.length > 0) throw errors.wrongNodeStatus(`Nodes ${idList(roleless)} have no roles`)
  }
  return nodes
}

export async function runOnNodes(
  ctx: AppContext,
  clusterId: number,
  kind: SelectedKind,
  ids: number[] | undefined,
): Promise<TaskRecord> {
  const { task, nodeIds } = await ctx.database.db.transaction().execute(async (trx) => {
    await lockIdleCluster(ctx, trx, clusterId)
    const nodes = pick(kind, await clusterNodes(trx, clusterId), ids, clusterId)
    return { task: await createTask(trx, { name: kind, clusterId }), nodeIds: nodes.map((node) => node.id) }
  })
  let casts: Cast[] = []
  try {
    casts = await ctx.database.db.transaction().execute(async (trx) => {
      const cluster = await lockCluster(trx, ctx.database.dialect, clusterId)
      if (!cluster || (await findTask(trx, task.id))?.status !== 'pending') return []
      const nodes = (await listNodes(trx, { ids: nodeIds })).filter((node) => node.clusterId === clusterId)
      const run = kind === TASK.provision ? launchProvision : launchDeployment
      const launched = await run(ctx, trx, cluster, nodes, task)
      await updateCluster(trx, cluster.id, { status: 'deployment' })
      return [{ messages: [launched.message], tasks: [launched.task] }]
    })
  } catch (error) {
    await recordLaunchFailure(ctx, task, error)
  }
  await dispatch(ctx, casts)
  return (await findTask(ctx.database.db, task.id, { includeDeleted: true })) ?? task
}
