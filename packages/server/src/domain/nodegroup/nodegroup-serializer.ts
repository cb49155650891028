/** The JSON the API shows for a node group (Nailgun's NodeGroupSerializer fields). */
import type { JsonObject, NodeGroupObject } from '@nailgun/extensions'

export function serializeNodeGroup(group: NodeGroupObject): JsonObject {
  return { id: group.id, cluster_id: group.clusterId, name: group.name, is_default: group.isDefault }
}
