/**
 * `master_settings`: per-installation values of the Fuel master that the facts carry, e.g. the
 * secrets of the provisioning engine and of MCollective. Generated once, on first use, and then
 * shared by every server process of the installation (they live in the database, not in memory).
 */
import type { Kysely, Migration } from 'kysely'

export function masterSettingsSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('master_settings')
        .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('master_settings').execute()
    },
  }
}
