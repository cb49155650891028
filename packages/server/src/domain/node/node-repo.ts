/** Node rows: lookups, inserts, field updates, paged listing and deletion. */
import type { NodeMeta, NodeObject } from '@nailgun/extensions'
import type { Insertable, Kysely, Updateable } from 'kysely'
import { type DialectName, forUpdate, toJson } from '../../db/dialect.js'
import type { Database, NodeTable } from '../../db/schema.js'
import { toNodeObject } from './node-mapper.js'
import { normalizeMeta } from './node-meta.js'

type Db = Kysely<Database>

/** Fields of a node a service may write, by their NodeObject names, plus the agent's checksum. */
export type NodeFields = Partial<Omit<NodeObject, 'id' | 'uuid' | 'fqdn'>> & { agentChecksum?: string | null }

type Column = keyof NodeTable
/** NodeObject field → column, and whether the column holds JSON text. */
const COLUMNS: Record<keyof NodeFields, [Column, boolean]> = {
  name: ['name', false],
  hostname: ['hostname', false],
  mac: ['mac', false],
  ip: ['ip', false],
  status: ['status', false],
  errorType: ['error_type', false],
  errorMsg: ['error_msg', false],
  progress: ['progress', false],
  online: ['online', false],
  clusterId: ['cluster_id', false],
  groupId: ['group_id', false],
  roles: ['roles', true],
  pendingRoles: ['pending_roles', true],
  primaryTags: ['primary_tags', true],
  pendingAddition: ['pending_addition', false],
  pendingDeletion: ['pending_deletion', false],
  labels: ['labels', true],
  meta: ['meta', true],
  manufacturer: ['manufacturer', false],
  platformName: ['platform_name', false],
  osPlatform: ['os_platform', false],
  kernelParams: ['kernel_params', false],
  extensions: ['extensions', true],
  replacedDeploymentInfo: ['replaced_deployment_info', true],
  replacedProvisioningInfo: ['replaced_provisioning_info', true],
  timestamp: ['timestamp', false],
  agentChecksum: ['agent_checksum', false],
}

/** Varchar widths of text columns agents fill: longer values are cut rather than refused. */
const WIDTHS: Partial<Record<Column, number>> = { manufacturer: 100, platform_name: 150, os_platform: 150 }

/**
 * Column values for the given fields. `meta` is stored normalized (lower-case NIC MACs, a complete
 * `numa_topology`), as the API shows it: the node list serves the stored text without parsing it.
 */
export function toNodeColumns(fields: NodeFields): Updateable<NodeTable> {
  const values: Record<string, unknown> = {}
  for (const [field, given] of Object.entries(fields)) {
    const spec = COLUMNS[field as keyof NodeFields]
    if (!spec || given === undefined) continue
    const [column, json] = spec
    const value = field === 'meta' ? normalizeMeta(given as NodeMeta) : given
    const width = WIDTHS[column]
    values[column] = json ? toJson(value) : typeof value === 'string' && width ? value.slice(0, width) : value
  }
  return values as Updateable<NodeTable>
}

export async function findNode(db: Db, id: number): Promise<NodeObject | undefined> {
  const row = await db.selectFrom('nodes').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toNodeObject(row)
}

/** The nodes with these ids, by id, locked until the transaction ends on PostgreSQL. */
export async function lockNodes(db: Db, dialect: DialectName, ids: readonly number[]): Promise<NodeObject[]> {
  if (ids.length === 0) return []
  const query = db
    .selectFrom('nodes')
    .selectAll()
    .where('id', 'in', [...ids])
    .orderBy('id')
  return (await forUpdate(dialect, query).execute()).map((row) => toNodeObject(row))
}

/** MAC → node id for the given (lower-case) MACs, by PXE MAC first, then by NIC MAC. */
export async function nodeIdsByMacs(db: Db, macs: readonly string[]): Promise<Map<string, number>> {
  const owners = new Map<string, number>()
  if (macs.length === 0) return owners
  const byPxe = await db
    .selectFrom('nodes')
    .select(['id', 'mac'])
    .where('mac', 'in', [...macs])
    .execute()
  for (const row of byPxe) owners.set(row.mac, row.id)
  const rest = macs.filter((mac) => !owners.has(mac))
  if (rest.length === 0) return owners
  const byNic = await db.selectFrom('node_nic_interfaces').select(['node_id', 'mac']).where('mac', 'in', rest).execute()
  for (const row of byNic) owners.set(row.mac, row.node_id)
  return owners
}

export interface NewNode {
  uuid: string
  name: string
  mac: string
  fields: NodeFields
}

/** Inserts a node; its hostname is provisional until the id is known (see the service). */
export async function insertNode(db: Db, node: NewNode): Promise<NodeObject> {
  const row = await db
    .insertInto('nodes')
    .values({
      ...toNodeColumns({ meta: {}, ...node.fields }),
      uuid: node.uuid,
      name: node.name,
      mac: node.mac,
      hostname: `node-${node.uuid}`,
      timestamp: new Date().toISOString(),
    } as Insertable<NodeTable>)
    .returningAll()
    .executeTakeFirstOrThrow()
  return toNodeObject(row)
}

export async function updateNode(db: Db, id: number, fields: NodeFields): Promise<NodeObject> {
  const values = toNodeColumns(fields)
  if (Object.keys(values).length === 0) {
    const node = await findNode(db, id)
    if (!node) throw new Error(`node ${id} vanished inside its transaction`)
    return node
  }
  const row = await db.updateTable('nodes').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
  return toNodeObject(row)
}

/** True when another node in the same environment (or among unassigned nodes) has this hostname. */
export async function hostnameTaken(
  db: Db,
  hostname: string,
  clusterId: number | null,
  exceptId: number,
): Promise<boolean> {
  let query = db.selectFrom('nodes').select('id').where('hostname', '=', hostname).where('id', '!=', exceptId)
  query = clusterId === null ? query.where('cluster_id', 'is', null) : query.where('cluster_id', '=', clusterId)
  return (await query.limit(1).executeTakeFirst()) !== undefined
}

export async function allocationStats(db: Db): Promise<{ total: number; unallocated: number }> {
  const row = await db
    .selectFrom('nodes')
    .select((eb) => [eb.fn.countAll().as('total'), eb.fn.count('cluster_id').as('allocated')])
    .executeTakeFirstOrThrow()
  const total = Number(row.total)
  return { total, unallocated: total - Number(row.allocated) }
}

export async function deleteNodeRows(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return
  await db
    .deleteFrom('nodes')
    .where('id', 'in', [...ids])
    .execute()
}
