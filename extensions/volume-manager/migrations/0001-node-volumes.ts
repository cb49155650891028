/**
 * Creates `volume_manager_node_volumes`: one layout per node.
 *
 * `node_id` deliberately has no foreign key to core's `nodes` (extension tables must not relate
 * to core tables); the host keeps it consistent by firing `onNodeDelete` /
 * `onNodeCollectionDelete` in the transaction that deletes nodes.
 *
 * Portability: the two databases disagree on auto-incrementing keys. SQLite only auto-assigns an
 * `INTEGER PRIMARY KEY` (the rowid alias) and has no identity columns; PostgreSQL never
 * auto-assigns a plain `integer primary key` and has no `autoincrement`. So the dialect is read
 * from the Kysely adapter, and JSON goes into jsonb on PostgreSQL and text on SQLite (the same
 * split the core schema uses; both read back as text through the host's drivers).
 */
import type { ExtensionDatabase } from '@nailgun/extensions'

const TABLE = 'volume_manager_node_volumes'

export async function up(db: ExtensionDatabase): Promise<void> {
  const postgres = isPostgres(db)
  await db.schema
    .createTable(TABLE)
    .addColumn('id', 'integer', (col) =>
      postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
    )
    .addColumn('node_id', 'integer', (col) => col.notNull().unique())
    .addColumn('volumes', postgres ? 'jsonb' : 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('is_customized', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('updated_at', 'text')
    .execute()
}

export async function down(db: ExtensionDatabase): Promise<void> {
  await db.schema.dropTable(TABLE).ifExists().execute()
}

/** Kysely exposes no dialect name; its adapter class is the stable tell (`PostgresAdapter`). */
function isPostgres(db: ExtensionDatabase): boolean {
  return /postgres/i.test(db.getExecutor().adapter.constructor.name)
}
