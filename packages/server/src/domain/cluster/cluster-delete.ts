/**
 * Removal of an environment and everything that belongs to it, inside the caller's transaction
 * (the cluster deletion task calls it when the orchestrator has cleaned the nodes). Order, as in
 * Nailgun's `Cluster.delete` with LATEST's before/after hooks:
 * `beforeClusterDelete` → node deletion (`onNodeDelete` each, `onNodeCollectionDelete`) →
 * `onClusterDelete` (row still there) → tasks, node groups and the row → `afterClusterDelete`.
 * Notifications are kept for the history and lose their environment, as Nailgun keeps them.
 * The environment's tasks go too, the running deletion task included: do not update it afterwards.
 */
import type { ClusterObject } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { ExtensionHost } from '../../extensions/extension-host.js'
import { deleteNodes } from '../node/index.js'
import { deleteClusterNodeGroups } from '../nodegroup/nodegroup-repo.js'
import { detachClusterNotifications } from '../notification/notification-repo.js'
import { deleteClusterTasks } from '../task/task-repo.js'
import { deleteClusterRow } from './cluster-repo.js'

export async function deleteClusterCascade(
  trx: Kysely<Database>,
  cluster: ClusterObject,
  events: ExtensionHost,
): Promise<void> {
  await events.fire(trx, 'beforeClusterDelete', [cluster])
  const nodes = await trx.selectFrom('nodes').select('id').where('cluster_id', '=', cluster.id).orderBy('id').execute()
  await deleteNodes(
    trx,
    nodes.map((n) => n.id),
    events,
  )
  await events.fire(trx, 'onClusterDelete', [cluster])
  await deleteClusterTasks(trx, cluster.id)
  await detachClusterNotifications(trx, cluster.id)
  await deleteClusterNodeGroups(trx, cluster.id)
  await deleteClusterRow(trx, cluster.id)
  await events.fire(trx, 'afterClusterDelete', [cluster])
}
