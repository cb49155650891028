/**
 * `PUT /clusters/<id>/changes` (and `/changes/redeploy`, which redeploys every node): Nailgun's
 * ApplyChangesTaskManager. First transaction: lock the environment, refuse while another task
 * runs, create the `deploy` supertask. Second: the pre-deployment check (skipped when facts were
 * replaced), then the `node_deletion`, `provision` and `deployment` subtasks with their messages.
 * Then the casts: deletion on its own, provisioning followed by deployment in one cast.
 */
import type { ClusterObject, NodeObject } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.js'
import type { Database } from '../../db/schema.js'
import { lockCluster } from '../../domain/cluster/index.js'
import { createTask, findTask, type TaskRecord } from '../../domain/task/index.js'
import { errors } from '../../errors.js'
import { clusterNodes } from '../facts-input.js'
import { settleTask } from '../receiver/task-settle.js'
import { hasReplacedFacts } from '../replaced-info.js'
import { type Cast, dispatch } from './dispatch.js'
import { DeploymentCheckFailed, recordLaunchFailure } from './launch-failure.js'
import { nodesToDelete, nodesToDeploy, nodesToProvision } from './node-selection.js'
import { launchInstall, launchRemoval } from './supertask-parts.js'
import { lockIdleCluster } from './task-guard.js'
import { TASK } from './task-names.js'

type Db = Kysely<Database>

function select(nodes: readonly NodeObject[], force: boolean) {
  return { remove: nodesToDelete(nodes), provision: nodesToProvision(nodes), deploy: nodesToDeploy(nodes, force) }
}

export async function applyChanges(ctx: AppContext, clusterId: number, force: boolean): Promise<TaskRecord> {
  const supertask = await ctx.database.db.transaction().execute(async (trx) => {
    await lockIdleCluster(ctx, trx, clusterId)
    const chosen = select(await clusterNodes(trx, clusterId), force)
    if (chosen.remove.length + chosen.provision.length + chosen.deploy.length === 0) {
      throw errors.noChanges('No changes to deploy')
    }
    return createTask(trx, { name: TASK.deploy, clusterId })
  })
  let casts: Cast[]
  try {
    casts = await ctx.database.db.transaction().execute((trx) => launch(ctx, trx, supertask, force))
  } catch (error) {
    await recordLaunchFailure(ctx, supertask, error)
    casts = []
  }
  await dispatch(ctx, casts)
  return (await findTask(ctx.database.db, supertask.id, { includeDeleted: true })) ?? supertask
}

/** The second transaction; returns nothing to cast when the supertask is no longer waiting. */
async function launch(ctx: AppContext, trx: Db, supertask: TaskRecord, force: boolean): Promise<Cast[]> {
  const cluster = await lockCluster(trx, ctx.database.dialect, supertask.clusterId as number)
  const current = await findTask(trx, supertask.id)
  if (!cluster || current?.status !== 'pending') return []
  const nodes = await clusterNodes(trx, cluster.id)
  const chosen = select(nodes, force)
  // Nailgun skips the check when the user replaced facts: they know better than the checks.
  if (!hasReplacedFacts(cluster, nodes)) await checkBeforeDeployment(ctx, trx, cluster, chosen.deploy)
  const parts = { ctx, trx, cluster, supertask }
  const removal = await launchRemoval(parts, chosen.remove)
  const install = await launchInstall(parts, chosen.provision, chosen.deploy)
  const casts = [removal.cast, install].filter((cast): cast is Cast => cast !== undefined)
  // The nodes changed since the first transaction and nothing is left to do.
  if (casts.length === 0 && !removal.done) throw errors.noChanges('No changes to deploy')
  // Nodes deleted at once: that subtask is done now (and with it the supertask, when it was all).
  if (removal.done) await settleTask({ ctx, trx }, removal.done, { status: 'ready' })
  return casts
}

async function checkBeforeDeployment(ctx: AppContext, trx: Db, cluster: ClusterObject, nodes: NodeObject[]) {
  try {
    await ctx.extensions.fire(trx, 'onBeforeDeploymentCheck', [cluster, nodes], { cluster })
  } catch (error) {
    throw new DeploymentCheckFailed(error)
  }
}
