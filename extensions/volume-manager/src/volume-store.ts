/**
 * The extension's own table, `volume_manager_node_volumes`: one stored layout per node. Always
 * used through the caller's database handle, so writes commit or roll back with the operation.
 * @module
 */
import type { ExtensionDatabase } from '@nailgun/extensions'
import type { Layout } from './layout/types.js'

export const NODE_VOLUMES_TABLE = 'volume_manager_node_volumes'

/** Keeps `IN (...)` lists well under both databases' bound-parameter limits. */
const CHUNK = 500

export interface StoredVolumes {
  nodeId: number
  volumes: Layout
  /** True once a user saved the layout through the API: events then leave it alone. */
  isCustomized: boolean
  updatedAt: string
}

interface Row {
  node_id: number
  volumes: unknown
  is_customized: unknown
  updated_at: string | null
}

export async function findVolumes(db: ExtensionDatabase, nodeId: number): Promise<StoredVolumes | undefined> {
  const row = await db.selectFrom(NODE_VOLUMES_TABLE).selectAll().where('node_id', '=', nodeId).executeTakeFirst()
  return row ? fromRow(row as Row) : undefined
}

/** The stored layouts of many nodes in a few queries, by node id. */
export async function findVolumesOf(
  db: ExtensionDatabase,
  nodeIds: readonly number[],
): Promise<Map<number, StoredVolumes>> {
  const found = new Map<number, StoredVolumes>()
  for (const ids of chunks(nodeIds)) {
    const rows = await db.selectFrom(NODE_VOLUMES_TABLE).selectAll().where('node_id', 'in', ids).execute()
    for (const row of rows) found.set(Number((row as Row).node_id), fromRow(row as Row))
  }
  return found
}

export async function saveVolumes(
  db: ExtensionDatabase,
  nodeId: number,
  volumes: Layout,
  isCustomized: boolean,
): Promise<void> {
  const values = { volumes: JSON.stringify(volumes), is_customized: isCustomized, updated_at: new Date().toISOString() }
  await db
    .insertInto(NODE_VOLUMES_TABLE)
    .values({ node_id: nodeId, ...values })
    .onConflict((oc) => oc.column('node_id').doUpdateSet(values))
    .execute()
}

export async function deleteVolumesOf(db: ExtensionDatabase, nodeIds: readonly number[]): Promise<void> {
  for (const ids of chunks(nodeIds)) {
    await db.deleteFrom(NODE_VOLUMES_TABLE).where('node_id', 'in', ids).execute()
  }
}

function fromRow(row: Row): StoredVolumes {
  // The host's PostgreSQL driver hands JSON back as text (like SQLite); accept a parsed value too.
  const volumes = typeof row.volumes === 'string' ? JSON.parse(row.volumes) : row.volumes
  return {
    nodeId: Number(row.node_id),
    volumes: (volumes ?? []) as Layout,
    isCustomized: Boolean(row.is_customized),
    updatedAt: row.updated_at ?? '',
  }
}

function chunks(ids: readonly number[]): number[][] {
  const unique = [...new Set(ids)]
  const result: number[][] = []
  for (let i = 0; i < unique.length; i += CHUNK) result.push(unique.slice(i, i + CHUNK))
  return result
}
