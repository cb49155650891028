/**
 * Row types of the core tables, as Kysely sees them. JSON columns hold text (see dialect.ts);
 * booleans come back as 0/1 on SQLite and true/false on PostgreSQL, so read them with Boolean().
 */
import type { ColumnType, Generated } from 'kysely'

type Bool = ColumnType<boolean | number, boolean, boolean>
/** JSON stored as text: written with toJson(), read with fromJson(). */
type JsonText = string

export interface ReleaseTable {
  id: Generated<number>
  name: string
  version: string
  description: string
  operating_system: string
  state: string
  is_deployable: Bool
  modes: JsonText
  roles_metadata: JsonText
  attributes_metadata: JsonText
  volumes_metadata: JsonText
  networks_metadata: JsonText
  extensions: JsonText
}

export interface ClusterTable {
  id: Generated<number>
  name: string
  mode: string
  status: string
  net_provider: string
  release_id: number
  fuel_version: string
  ui_settings: JsonText
  attributes: JsonText
  generated_attributes: JsonText
  replaced_deployment_info: JsonText
  replaced_provisioning_info: JsonText
  is_customized: Bool
  extensions: JsonText
  pending_changes: JsonText
  created_at: string
}

export interface NodeGroupTable {
  id: Generated<number>
  cluster_id: number
  name: string
  is_default: Bool
}

export interface NodeTable {
  id: Generated<number>
  uuid: string
  cluster_id: number | null
  group_id: number | null
  name: string
  status: string
  error_type: string | null
  error_msg: string | null
  progress: number
  online: Bool
  timestamp: string
  mac: string
  ip: string | null
  hostname: string
  meta: JsonText
  manufacturer: string | null
  platform_name: string | null
  os_platform: string | null
  kernel_params: string | null
  labels: JsonText
  pending_addition: Bool
  pending_deletion: Bool
  roles: JsonText
  pending_roles: JsonText
  primary_tags: JsonText
  replaced_deployment_info: JsonText
  replaced_provisioning_info: JsonText
  extensions: JsonText
  agent_checksum: string | null
}

export interface NodeInterfaceTable {
  id: Generated<number>
  node_id: number
  name: string
  mac: string
}

export interface TaskTable {
  id: Generated<number>
  uuid: string
  cluster_id: number | null
  parent_id: number | null
  name: string
  status: string
  progress: number
  message: string | null
  result: JsonText
  weight: number
  cache: JsonText
  time_start: string | null
  time_end: string | null
  deleted_at: string | null
}

export interface NotificationTable {
  id: Generated<number>
  cluster_id: number | null
  node_id: number | null
  task_id: number | null
  topic: string
  message: string
  status: string
  datetime: string
}

export interface UserTable {
  id: Generated<number>
  name: string
  password_hash: string
  roles: JsonText
  enabled: Bool
  created_at: string
}

export interface TokenTable {
  /** sha256 of the token; the token itself is never stored. */
  id: string
  user_id: number
  tenant: string
  issued_at: string
  expires_at: string
  revoked: Bool
}

/** Per-installation settings of the Fuel master (engine and MCollective secrets). */
export interface MasterSettingTable {
  name: string
  value: string
}

export interface Database {
  releases: ReleaseTable
  clusters: ClusterTable
  nodegroups: NodeGroupTable
  nodes: NodeTable
  node_nic_interfaces: NodeInterfaceTable
  tasks: TaskTable
  notifications: NotificationTable
  users: UserTable
  tokens: TokenTable
  master_settings: MasterSettingTable
}
