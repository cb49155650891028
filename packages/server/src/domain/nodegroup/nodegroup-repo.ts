/** Node group rows; every environment has one default group. */
import type { NodeGroupObject } from '@nailgun/extensions'
import type { Kysely, Selectable } from 'kysely'
import type { Database, NodeGroupTable } from '../../db/schema.js'

type Db = Kysely<Database>

export function toNodeGroupObject(row: Selectable<NodeGroupTable>): NodeGroupObject {
  return { id: row.id, clusterId: row.cluster_id, name: row.name, isDefault: Boolean(row.is_default) }
}

export async function findNodeGroup(db: Db, id: number): Promise<NodeGroupObject | undefined> {
  const row = await db.selectFrom('nodegroups').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toNodeGroupObject(row)
}

/** `clusterId: null` asks for groups of no environment: there are none (every group has one). */
export async function listNodeGroups(db: Db, filter: { clusterId?: number | null } = {}): Promise<NodeGroupObject[]> {
  if (filter.clusterId === null) return []
  let query = db.selectFrom('nodegroups').selectAll().orderBy('id')
  if (filter.clusterId !== undefined) query = query.where('cluster_id', '=', filter.clusterId)
  return (await query.execute()).map(toNodeGroupObject)
}

export async function defaultNodeGroup(db: Db, clusterId: number): Promise<NodeGroupObject | undefined> {
  const row = await db
    .selectFrom('nodegroups')
    .selectAll()
    .where('cluster_id', '=', clusterId)
    .where('is_default', '=', true)
    .executeTakeFirst()
  return row && toNodeGroupObject(row)
}

export async function insertNodeGroup(
  db: Db,
  input: { clusterId: number; name: string; isDefault: boolean },
): Promise<NodeGroupObject> {
  const row = await db
    .insertInto('nodegroups')
    .values({ cluster_id: input.clusterId, name: input.name, is_default: input.isDefault })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toNodeGroupObject(row)
}

export async function deleteNodeGroupRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('nodegroups').where('id', '=', id).execute()
}

/** True when another group of the environment already has this name. */
export async function nodeGroupNameTaken(db: Db, clusterId: number, name: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom('nodegroups').select('id').where('cluster_id', '=', clusterId).where('name', '=', name)
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
  return (await query.executeTakeFirst()) !== undefined
}

export async function renameNodeGroup(db: Db, id: number, name: string): Promise<NodeGroupObject> {
  const row = await db
    .updateTable('nodegroups')
    .set({ name })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
  return toNodeGroupObject(row)
}

/** Ids of the nodes in the group, ascending. */
export async function nodeIdsInGroup(db: Db, groupId: number): Promise<number[]> {
  const rows = await db.selectFrom('nodes').select('id').where('group_id', '=', groupId).orderBy('id').execute()
  return rows.map((r) => r.id)
}

export async function deleteClusterNodeGroups(db: Db, clusterId: number): Promise<void> {
  await db.deleteFrom('nodegroups').where('cluster_id', '=', clusterId).execute()
}
