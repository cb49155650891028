/**
 * A fingerprint of the whole database — every table's row count and a hash of its rows — to prove
 * a refused request changed nothing, whatever table it might have touched.
 */
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../../src/db/database.js'

export interface Snapshot {
  counts: Record<string, number>
  hash: string
}

async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const db = handle.db as never
  const rows =
    handle.dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%'`.execute(db)
  return rows.rows.map((r) => r.name).sort()
}

/** Rows are sorted after serialization: PostgreSQL returns updated rows in any order. */
export async function snapshot(handle: DatabaseHandle): Promise<Snapshot> {
  const counts: Record<string, number> = {}
  const hash = createHash('sha256')
  for (const table of await tableNames(handle)) {
    const rows = (await sql`select * from ${sql.table(table)}`.execute(handle.db as never)).rows
    counts[table] = rows.length
    const lines = rows.map((row) => JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).sort()
    hash.update(`${table}\n${lines.join('\n')}\n`)
  }
  return { counts, hash: hash.digest('hex') }
}
