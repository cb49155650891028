export { generateValues, releaseAttributes } from './attribute-generators.js'
export { defaultAttributes, patchAttributes, readAttributes } from './attributes-service.js'
export { checkAttributesPatch, deepMerge } from './attributes-validation.js'
export { deleteClusterCascade } from './cluster-delete.js'
export { parseClusterIdFilter } from './cluster-filter.js'
export { clusterObjectsApi } from './cluster-objects.js'
export {
  CLUSTER_ORDER_FIELDS,
  type ClusterFilter,
  type ClusterPage,
  countClusters,
  listClusters,
} from './cluster-query.js'
export {
  addPendingChange,
  type ClusterExtras,
  type ClusterUpdate,
  clusterExtras,
  clusterNameTaken,
  DEFAULT_UI_SETTINGS,
  deleteClusterRow,
  findCluster,
  insertCluster,
  lockCluster,
  type NewCluster,
  readGeneratedAttributes,
  readPendingChanges,
  toClusterObject,
  updateCluster,
} from './cluster-repo.js'
export { clusterRoutes } from './cluster-routes.js'
export { CLUSTER_MODES, CLUSTER_STATUSES, NET_PROVIDERS } from './cluster-schema.js'
export { isLocked, serializeCluster } from './cluster-serializer.js'
export { createCluster, FUEL_VERSION, updateClusterFields } from './cluster-service.js'
