/**
 * The one way to start a task on an environment: lock its row (SELECT … FOR UPDATE on PostgreSQL,
 * the database lock on SQLite), then look for exclusive tasks still running, in the transaction
 * that will create the new task. Two requests, even on two servers, cannot both pass.
 */
import type { ClusterObject, NailgunError } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.js'
import type { Database } from '../../db/schema.js'
import { lockCluster } from '../../domain/cluster/index.js'
import { listTasks, type TaskRecord } from '../../domain/task/index.js'
import { errors } from '../../errors.js'
import { EXCLUSIVE_TASKS, UNFINISHED } from './task-names.js'

type Db = Kysely<Database>

export function unfinishedTasks(trx: Db, clusterId: number, names: readonly string[]): Promise<TaskRecord[]> {
  return listTasks(trx, { clusterId, status: UNFINISHED, name: names })
}

/** The locked environment (404 when missing), provided no exclusive task runs on it. */
export async function lockIdleCluster(
  ctx: AppContext,
  trx: Db,
  clusterId: number,
  busy: () => NailgunError = errors.deploymentAlreadyStarted,
): Promise<ClusterObject> {
  const cluster = await lockCluster(trx, ctx.database.dialect, clusterId)
  if (!cluster) throw errors.objectNotFound('Cluster')
  if ((await unfinishedTasks(trx, clusterId, EXCLUSIVE_TASKS)).length > 0) throw busy()
  return cluster
}
