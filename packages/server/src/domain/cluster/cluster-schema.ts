/**
 * Request schemas of the environment routes, after Nailgun's `json_schema/cluster.py`: known
 * fields are typed (a wrong type is a 400), unknown fields are ignored. Release and name rules
 * that need the database are checked by the service.
 */
import { type Static, type TSchema, Type } from 'typebox'
import { PaginationQuery } from '../../http/pagination.js'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const oneOf = <T extends string>(values: readonly T[]) => Type.Enum([...values])

export const CLUSTER_MODES = ['multinode', 'ha_full', 'ha_compact'] as const
export const NET_PROVIDERS = ['neutron', 'nova_network'] as const
export const CLUSTER_STATUSES = [
  'new',
  'deployment',
  'stopped',
  'operational',
  'error',
  'remove',
  'partially_deployed',
] as const

const ReleaseId = Type.Integer({ minimum: 0, maximum: 2147483647 })

/** Nailgun's UI_SETTINGS schema: the whole object, nothing else. */
export const UiSettings = Type.Object(
  {
    view_mode: oneOf(['standard', 'compact']),
    filter: Type.Object({}),
    sort: Type.Array(Type.Object({})),
    filter_by_labels: Type.Object({}),
    sort_by_labels: Type.Array(Type.Object({})),
    search: Type.String(),
  },
  { additionalProperties: false },
)

/** Fields clients send back with the object they read; typed, and ignored by the server. */
const readOnlyFields = {
  id: Type.Optional(Type.Integer()),
  status: Type.Optional(oneOf(CLUSTER_STATUSES)),
  is_customized: Type.Optional(Type.Boolean()),
  fuel_version: Type.Optional(Type.String()),
  components: Type.Optional(Type.Array(Type.String())),
  pending_release_id: Type.Optional(Nullable(ReleaseId)),
  replaced_deployment_info: Type.Optional(Type.Object({})),
  replaced_provisioning_info: Type.Optional(Type.Object({})),
  nodes: Type.Optional(Type.Array(Type.Integer())),
}

const editableFields = {
  mode: Type.Optional(oneOf(CLUSTER_MODES)),
  net_provider: Type.Optional(oneOf(NET_PROVIDERS)),
  ui_settings: Type.Optional(UiSettings),
  release: Type.Optional(Nullable(ReleaseId)),
  release_id: Type.Optional(Nullable(ReleaseId)),
}

const Name = Type.String({ minLength: 1, maxLength: 50 })

export const ClusterCreateBody = Type.Object({ name: Name, ...editableFields, ...readOnlyFields })
export type ClusterCreateInput = Static<typeof ClusterCreateBody>

export const ClusterUpdateBody = Type.Object({ name: Type.Optional(Name), ...editableFields, ...readOnlyFields })
export type ClusterUpdateInput = Static<typeof ClusterUpdateBody>

export const ClusterListQuery = Type.Object({
  ...PaginationQuery,
  release_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  status: Type.Optional(oneOf(CLUSTER_STATUSES)),
})
export type ClusterListQueryInput = Static<typeof ClusterListQuery>

/** `PUT`/`PATCH /clusters/<id>/attributes`: the shape is checked by hand for Nailgun's messages. */
export const AttributesBody = Type.Object({
  editable: Type.Optional(Type.Unknown()),
  generated: Type.Optional(Type.Unknown()),
})
export type AttributesInput = Static<typeof AttributesBody>
