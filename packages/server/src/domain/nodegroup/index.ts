export { nodeGroupObjectsApi } from './nodegroup-objects.js'
export {
  defaultNodeGroup,
  deleteClusterNodeGroups,
  deleteNodeGroupRow,
  findNodeGroup,
  insertNodeGroup,
  listNodeGroups,
  nodeGroupNameTaken,
  nodeIdsInGroup,
  renameNodeGroup,
  toNodeGroupObject,
} from './nodegroup-repo.js'
export { nodeGroupRoutes } from './nodegroup-routes.js'
export { serializeNodeGroup } from './nodegroup-serializer.js'
export { createNodeGroup, deleteNodeGroup, updateNodeGroup } from './nodegroup-service.js'
