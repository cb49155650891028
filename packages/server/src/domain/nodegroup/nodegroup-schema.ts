/** Request schemas of the node group routes (Nailgun's `json_schema/node_group.py`). */
import { type Static, Type } from 'typebox'

const Name = Type.String({ minLength: 1, maxLength: 50 })
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 })

export const NodeGroupCreateBody = Type.Object({ cluster_id: Id, name: Name })
export type NodeGroupCreateInput = Static<typeof NodeGroupCreateBody>

/** `cluster_id` may be sent back unchanged (clients PUT the object they read); it cannot move. */
export const NodeGroupUpdateBody = Type.Object({ cluster_id: Type.Optional(Id), name: Type.Optional(Name) })
export type NodeGroupUpdateInput = Static<typeof NodeGroupUpdateBody>

export const NodeGroupListQuery = Type.Object({ cluster_id: Type.Optional(Type.String({ maxLength: 20 })) })
export type NodeGroupListQueryInput = Static<typeof NodeGroupListQuery>
