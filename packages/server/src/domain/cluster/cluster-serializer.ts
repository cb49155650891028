/**
 * The JSON the API shows for an environment: Nailgun's ClusterSerializer fields. `extensions` is
 * not shown (Nailgun has `/clusters/<id>/extensions` for it), nor are attributes.
 */
import type { ClusterObject, JsonObject } from '@nailgun/extensions'
import { clusterExtras } from './cluster-repo.js'

/** Settings are read-only while the environment is anything but new. */
export function isLocked(cluster: ClusterObject): boolean {
  return cluster.status !== 'new'
}

export function serializeCluster(cluster: ClusterObject): JsonObject {
  const extras = clusterExtras(cluster)
  return {
    id: cluster.id,
    name: cluster.name,
    mode: cluster.mode,
    status: cluster.status,
    net_provider: cluster.netProvider,
    release_id: cluster.releaseId,
    fuel_version: cluster.fuelVersion,
    is_customized: cluster.isCustomized,
    is_locked: isLocked(cluster),
    ui_settings: extras.uiSettings,
    changes: extras.pendingChanges.map((name) => ({ name, node_id: null })),
    // Components (the wizard's choices) are not stored; upgrades (pending releases) are not supported.
    components: [],
    pending_release_id: null,
  }
}
