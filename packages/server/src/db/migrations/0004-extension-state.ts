/**
 * The extension system's own records, shared by every server process of the installation:
 * `extension_states` (the fault policy: consecutive failures, `degraded`, the last error) and
 * `extension_configs` (each extension's configuration: the global default and one per environment).
 */
import type { Kysely, Migration } from 'kysely'
import { type DialectName, jsonColumn, jsonType, withIdColumn } from '../dialect.js'

export function extensionStateSchema(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('extension_states')
        .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('loaded'))
        .addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('last_stage', 'varchar(200)')
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .execute()
      // `scope` is 'global' or the environment id, so one row per (extension, scope) is enforced
      // even for the global default; cluster_id cascades the rows away with their environment.
      await withIdColumn(dialect, db.schema.createTable('extension_configs'))
        .addColumn('extension', 'varchar(64)', (c) => c.notNull())
        .addColumn('scope', 'varchar(20)', (c) => c.notNull())
        .addColumn('cluster_id', 'integer', (c) => c.references('clusters.id').onDelete('cascade'))
        .addColumn('value', jsonType(dialect), jsonColumn(dialect, '{}'))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addUniqueConstraint('extension_configs_extension_scope_key', ['extension', 'scope'])
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('extension_configs').execute()
      await db.schema.dropTable('extension_states').execute()
    },
  }
}
