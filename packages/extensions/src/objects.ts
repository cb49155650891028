/**
 * The shapes of the core objects an extension receives. Field names are camelCase (TypeScript
 * idiom); values that came from outside (agent `meta`, attributes, facts) keep their original keys.
 *
 * @example
 * ```ts
 * onNodeCreate(node: NodeObject) {
 *   const disks = node.meta.disks ?? []
 * }
 * ```
 * @module
 */

/** A JSON value, as stored in the database and sent over the wire. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
/** A JSON object. */
export type JsonObject = { [key: string]: Json }

/** Node statuses, exactly as Nailgun has them. */
export type NodeStatus =
  | 'discover'
  | 'provisioning'
  | 'provisioned'
  | 'deploying'
  | 'ready'
  | 'error'
  | 'removing'
  | 'stopped'

/** Why a node is in `error`. */
export type NodeErrorType = 'deploy' | 'provision' | 'deletion' | 'discover' | 'stop_deployment'

/** Environment (cluster) statuses. */
export type ClusterStatus = 'new' | 'deployment' | 'stopped' | 'operational' | 'error' | 'remove' | 'partially_deployed'

/** Task statuses. */
export type TaskStatus = 'pending' | 'running' | 'ready' | 'error'

/** Hardware as the node agent reports it (`meta`). Unknown keys are kept. */
export interface NodeMeta {
  interfaces?: Array<{ name: string; mac: string; [key: string]: unknown }>
  disks?: Array<{ name: string; size: number; model?: string; disk?: string; [key: string]: unknown }>
  cpu?: { total?: number; real?: number; spec?: JsonObject[]; [key: string]: unknown }
  memory?: { total?: number | null; [key: string]: unknown }
  system?: JsonObject
  numa_topology?: JsonObject
  [key: string]: unknown
}

/** A bare-metal node. */
export interface NodeObject {
  id: number
  uuid: string
  name: string
  hostname: string
  fqdn: string
  mac: string
  ip: string | null
  status: NodeStatus
  errorType: NodeErrorType | null
  errorMsg: string | null
  progress: number
  online: boolean
  clusterId: number | null
  groupId: number | null
  roles: string[]
  pendingRoles: string[]
  primaryTags: string[]
  pendingAddition: boolean
  pendingDeletion: boolean
  labels: Record<string, string | null>
  meta: NodeMeta
  manufacturer: string | null
  platformName: string | null
  osPlatform: string | null
  kernelParams: string | null
  extensions: string[]
  /** Facts the user replaced for this node (one object per role), or empty. */
  replacedDeploymentInfo: JsonObject[]
  /** Provisioning facts the user replaced for this node, or empty. */
  replacedProvisioningInfo: JsonObject
  timestamp: string
}

/** An environment. */
export interface ClusterObject {
  id: number
  name: string
  mode: 'multinode' | 'ha_full' | 'ha_compact'
  status: ClusterStatus
  netProvider: string
  releaseId: number
  fuelVersion: string
  isCustomized: boolean
  /** Extension names enabled for this environment, in pipeline order. */
  extensions: string[]
  /** Editable attributes (the settings tab), as Nailgun stores them. */
  attributes: JsonObject
  replacedDeploymentInfo: JsonObject
  replacedProvisioningInfo: JsonObject
}

/** A role a release offers (`roles_metadata` entry). */
export interface RoleMetadata {
  name: string
  description: string
  conflicts?: string[]
  limits?: JsonObject
  has_primary?: boolean
  public_ip_required?: boolean
  weight?: number
  [key: string]: Json | undefined
}

/** A release (an OpenStack version that can be deployed). */
export interface ReleaseObject {
  id: number
  name: string
  version: string
  description: string
  operatingSystem: string
  state: 'available' | 'unavailable' | 'manageonly'
  isDeployable: boolean
  modes: string[]
  rolesMetadata: Record<string, RoleMetadata>
  attributesMetadata: JsonObject
  volumesMetadata: JsonObject
  networksMetadata: JsonObject
  /** Extension names copied onto every new environment of this release. */
  extensions: string[]
}

/** A node group (every environment has a default one). */
export interface NodeGroupObject {
  id: number
  clusterId: number
  name: string
  isDefault: boolean
}

/** A task (deployment, provisioning, deletion...). */
export interface TaskObject {
  id: number
  uuid: string
  name: string
  status: TaskStatus
  progress: number
  message: string | null
  clusterId: number | null
  parentId: number | null
  result: Json
}

/** A notification shown to operators. */
export interface NotificationObject {
  id: number
  topic: 'discover' | 'done' | 'error' | 'warning' | 'release'
  message: string
  status: 'read' | 'unread'
  clusterId: number | null
  nodeId: number | null
  taskId: number | null
  datetime: string
}
