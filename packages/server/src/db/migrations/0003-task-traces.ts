/**
 * `task_traces`: the facts trace of each provisioning and deployment task (the JSON Patch each
 * pipeline stage applied, the contract violations), keyed by task and removed with it. The facts
 * themselves stay in the task's `cache`; the trace only holds what extensions changed.
 */
import type { Kysely, Migration } from 'kysely'
import { type DialectName, jsonType } from '../dialect.js'

export function taskTracesSchema(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('task_traces')
        .addColumn('task_id', 'integer', (c) => c.primaryKey().references('tasks.id').onDelete('cascade'))
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('trace', jsonType(dialect), (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('task_traces').execute()
    },
  }
}
