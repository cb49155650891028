/**
 * Request schemas of the node routes, close to Nailgun's `json_schema/node.py`: known top-level
 * fields are typed (a wrong type is a 400), unknown fields are ignored, and `meta` is lenient
 * because agents on odd hardware send nulls where numbers belong.
 */
import { type Static, type TSchema, Type } from 'typebox'
import { PaginationQuery } from '../../http/pagination.js'

export const NODE_STATUSES = [
  'discover',
  'provisioning',
  'provisioned',
  'deploying',
  'ready',
  'error',
  'removing',
  'stopped',
] as const

export const NODE_ERROR_TYPES = ['deploy', 'provision', 'deletion', 'discover', 'stop_deployment'] as const

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** Accepts `aa:bb:cc:dd:ee:ff` and `AA-BB-...`; stored lower-case with colons. */
export const MacAddress = Type.String({ pattern: '^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$' })

const IpAddress = Type.String({ anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] })

/** Nailgun's FQDN pattern (base_types.FQDN), without the `\b` trick. */
const Hostname = Type.String({
  pattern:
    '^(?=.{1,255}$)[0-9A-Za-z](?:[0-9A-Za-z-]{0,61}[0-9A-Za-z])?(?:\\.[0-9A-Za-z](?:[0-9A-Za-z-]{0,61}[0-9A-Za-z])?)*\\.?$',
})

const Status = Type.Union(NODE_STATUSES.map((s) => Type.Literal(s)))
const ErrorType = Type.Union(NODE_ERROR_TYPES.map((s) => Type.Literal(s)))
const RoleList = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 64 })
const Labels = Type.Record(Type.String(), Nullable(Type.String({ maxLength: 100 })))

/**
 * `meta` as agents send it. Only the containers are typed: interfaces must be a list (Nailgun
 * answers 400 otherwise), the rest may be null; unknown keys are kept.
 */
export const NodeMetaSchema = Type.Object({
  interfaces: Type.Optional(Type.Array(Type.Object({}))),
  disks: Type.Optional(Nullable(Type.Array(Type.Object({ size: Type.Optional(Nullable(Type.Number())) })))),
  memory: Type.Optional(Nullable(Type.Object({ total: Type.Optional(Nullable(Type.Number())) }))),
  cpu: Type.Optional(Nullable(Type.Object({ total: Type.Optional(Nullable(Type.Number())) }))),
  system: Type.Optional(Nullable(Type.Object({}))),
  numa_topology: Type.Optional(Nullable(Type.Object({}))),
})

/** Fields the agent reports about itself (registration and check-in). */
const agentFields = {
  mac: Type.Optional(MacAddress),
  ip: Type.Optional(Nullable(IpAddress)),
  status: Type.Optional(Status),
  meta: Type.Optional(NodeMetaSchema),
  manufacturer: Type.Optional(Nullable(Type.String())),
  platform_name: Type.Optional(Nullable(Type.String())),
  os_platform: Type.Optional(Nullable(Type.String())),
  agent_checksum: Type.Optional(Type.String({ maxLength: 64 })),
}

/** `POST /nodes`: agent registration. */
export const NodeCreateBody = Type.Object({
  ...agentFields,
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
})
export type NodeCreateInput = Static<typeof NodeCreateBody>

const AgentBodyObject = Type.Object({ ...agentFields, id: Type.Optional(Type.Integer({ minimum: 1 })) })
/** `PUT /nodes/agent`: an object, or the one-element list old agents sent. */
export const AgentUpdateBody = Type.Union([AgentBodyObject, Type.Array(AgentBodyObject, { minItems: 1, maxItems: 1 })])
export type AgentUpdateInput = Static<typeof AgentBodyObject>

/** What an operator (fuelclient, fuel-ui) may change on a node. */
const updateFields = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  hostname: Type.Optional(Hostname),
  labels: Type.Optional(Labels),
  roles: Type.Optional(RoleList),
  pending_roles: Type.Optional(RoleList),
  cluster_id: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  /** Old clients send `cluster` instead of `cluster_id` (Nailgun's "temporary hack in clients"). */
  cluster: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  group_id: Type.Optional(Type.Integer({ minimum: 1 })),
  pending_addition: Type.Optional(Type.Boolean()),
  pending_deletion: Type.Optional(Type.Boolean()),
  status: Type.Optional(Status),
  error_type: Type.Optional(Nullable(ErrorType)),
  error_msg: Type.Optional(Nullable(Type.String())),
  progress: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  online: Type.Optional(Type.Boolean()),
  kernel_params: Type.Optional(Nullable(Type.String())),
  meta: Type.Optional(NodeMetaSchema),
  ip: Type.Optional(Nullable(IpAddress)),
  manufacturer: Type.Optional(Nullable(Type.String())),
  platform_name: Type.Optional(Nullable(Type.String())),
  os_platform: Type.Optional(Nullable(Type.String())),
}

/** `PUT /nodes/<id>`. */
export const NodeUpdateBody = Type.Object(updateFields)
export type NodeUpdateInput = Static<typeof NodeUpdateBody>

/** One element of `PUT /nodes`: the node is found by `id` or `mac`. */
const NodeBulkItem = Type.Object({
  ...updateFields,
  id: Type.Optional(Type.Integer({ minimum: 1 })),
  mac: Type.Optional(MacAddress),
})
export const NodeBulkUpdateBody = Type.Array(NodeBulkItem, { maxItems: 10_000 })
export type NodeBulkItemInput = Static<typeof NodeBulkItem>

/** `POST /clusters/<id>/assignment`. */
export const AssignmentBody = Type.Array(Type.Object({ id: Type.Integer({ minimum: 1 }), roles: RoleList }), {
  maxItems: 10_000,
})
export type AssignmentInput = Static<typeof AssignmentBody>

/** `POST /clusters/<id>/unassignment`. */
export const UnassignmentBody = Type.Array(Type.Object({ id: Type.Integer({ minimum: 1 }) }), { maxItems: 10_000 })
export type UnassignmentInput = Static<typeof UnassignmentBody>

/** `GET /nodes`: `cluster_id` is text because an empty value means "unassigned". */
export const NodeListQuery = Type.Object({
  ...PaginationQuery,
  cluster_id: Type.Optional(Type.String({ maxLength: 20 })),
})
export type NodeListQueryInput = Static<typeof NodeListQuery>
