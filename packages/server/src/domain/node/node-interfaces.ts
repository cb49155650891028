/**
 * The `node_nic_interfaces` rows of a node, kept in step with the NICs its agent reports. A MAC
 * is unique across all nodes; a NIC whose MAC another node already owns is skipped (and logged by
 * the caller) rather than failing the agent's whole check-in, which it would retry forever.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { NicInfo } from './node-meta.js'

type Db = Kysely<Database>

export async function insertNics(db: Db, nodeId: number, nics: readonly NicInfo[]): Promise<void> {
  if (nics.length === 0) return
  await db
    .insertInto('node_nic_interfaces')
    .values(nics.map((nic) => ({ node_id: nodeId, name: nic.name, mac: nic.mac })))
    .execute()
}

export interface NicSyncResult {
  /** NICs not stored because another node owns their MAC. */
  skipped: NicInfo[]
  changed: boolean
}

/**
 * Makes the node's rows match `desired` in at most four statements: one read (own rows and any
 * foreign owner of the reported MACs), then delete / rename / insert only what differs.
 */
export async function syncNics(db: Db, nodeId: number, desired: readonly NicInfo[]): Promise<NicSyncResult> {
  const macs = desired.map((nic) => nic.mac)
  const rows = await db
    .selectFrom('node_nic_interfaces')
    .select(['id', 'node_id', 'name', 'mac'])
    .where((eb) =>
      macs.length === 0 ? eb('node_id', '=', nodeId) : eb.or([eb('node_id', '=', nodeId), eb('mac', 'in', macs)]),
    )
    .execute()
  const own = new Map(rows.filter((r) => r.node_id === nodeId).map((r) => [r.mac, r]))
  const foreign = new Set(rows.filter((r) => r.node_id !== nodeId).map((r) => r.mac))
  const wanted = new Map(desired.map((nic) => [nic.mac, nic]))

  const stale = [...own.values()].filter((row) => !wanted.has(row.mac)).map((row) => row.id)
  const renamed = desired.filter((nic) => own.has(nic.mac) && own.get(nic.mac)?.name !== nic.name)
  const added = desired.filter((nic) => !own.has(nic.mac) && !foreign.has(nic.mac))
  const skipped = desired.filter((nic) => foreign.has(nic.mac))

  if (stale.length > 0) await db.deleteFrom('node_nic_interfaces').where('id', 'in', stale).execute()
  for (const nic of renamed) {
    await db.updateTable('node_nic_interfaces').set({ name: nic.name }).where('id', '=', own.get(nic.mac)!.id).execute()
  }
  await insertNics(db, nodeId, added)
  return { skipped, changed: stale.length + renamed.length + added.length > 0 }
}

/** MACs (of `macs`) already taken by any node, as its PXE MAC or one of its NICs. */
export async function macsInUse(db: Db, macs: readonly string[]): Promise<string[]> {
  if (macs.length === 0) return []
  const list = [...macs]
  const rows = await db
    .selectFrom('nodes')
    .select('mac')
    .where('mac', 'in', list)
    .union(db.selectFrom('node_nic_interfaces').select('mac').where('mac', 'in', list))
    .execute()
  return rows.map((r) => r.mac)
}
