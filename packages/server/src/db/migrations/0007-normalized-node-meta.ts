/**
 * Stores every node's `meta` normalized (lower-case NIC MACs, a complete `numa_topology`), as
 * every write now does (node-repo.ts `toNodeColumns`): the node list serves the stored text as it
 * is. Rows are rewritten only when normalizing changes them, in batches by id. `down` has nothing
 * to undo: the normalized form is what the API always showed.
 */
import { type Kysely, type Migration, sql } from 'kysely'
import { normalizeMeta } from '../../domain/node/node-meta.js'

const BATCH = 500

interface MetaRow {
  id: number
  meta: string | null
}

export function normalizedNodeMeta(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (let after = 0; ; ) {
        const { rows } =
          await sql<MetaRow>`select id, meta from nodes where id > ${after} order by id limit ${BATCH}`.execute(db)
        if (rows.length === 0) return
        for (const row of rows) await normalizeRow(db, row)
        after = (rows.at(-1) as MetaRow).id
      }
    },
    async down() {},
  }
}

async function normalizeRow(db: Kysely<unknown>, row: MetaRow): Promise<void> {
  const stored = row.meta ? JSON.parse(row.meta) : {}
  const normalized = JSON.stringify(normalizeMeta(stored))
  if (row.meta && JSON.stringify(stored) === normalized) return
  await sql`update nodes set meta = ${normalized} where id = ${row.id}`.execute(db)
}
