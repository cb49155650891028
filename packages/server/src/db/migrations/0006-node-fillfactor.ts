/**
 * PostgreSQL only: leave room in the pages of `nodes` (fillfactor 70). Every agent check-in
 * rewrites its node's timestamp; with full pages PostgreSQL must put the new row version on
 * another page and update every index of the table, with room it makes a heap-only (HOT) update.
 * Measured on the agent check-in bench: 48 % → 98 % HOT updates, about 15 % more check-ins/s.
 * Pages written before this migration fill up to the old limit until they are rewritten (VACUUM
 * FULL), so an existing database gains gradually. SQLite has no such setting.
 */
import { type Kysely, type Migration, sql } from 'kysely'
import type { DialectName } from '../dialect.js'

export const NODES_FILLFACTOR = 70

export function nodeFillfactor(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres') await sql.raw(`alter table nodes set (fillfactor = ${NODES_FILLFACTOR})`).execute(db)
    },
    async down(db: Kysely<unknown>) {
      if (dialect === 'postgres') await sql`alter table nodes reset (fillfactor)`.execute(db)
    },
  }
}
