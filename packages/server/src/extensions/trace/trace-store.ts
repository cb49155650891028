/**
 * `task_traces` (core migration 0003): one row per provisioning or deployment task, written in
 * the transaction that launches it, removed with the task (foreign key, on delete cascade).
 * The table is not in the shared `Database` type: this module is its only reader and writer.
 * @module
 */
import type { Kysely } from 'kysely'
import { fromJson, toJson } from '../../db/dialect.js'
import type { FactsTrace } from './trace-types.js'

interface TaskTraceTable {
  task_id: number
  kind: string
  trace: string
  created_at: string
}

type TraceDb = Kysely<{ task_traces: TaskTraceTable }>
const own = (db: object) => db as unknown as TraceDb

export async function saveTaskTrace(db: object, taskId: number, trace: FactsTrace): Promise<void> {
  const row = { task_id: taskId, kind: trace.kind, trace: toJson(trace), created_at: new Date().toISOString() }
  await own(db)
    .insertInto('task_traces')
    .values(row)
    .onConflict((c) =>
      c.column('task_id').doUpdateSet({ kind: row.kind, trace: row.trace, created_at: row.created_at }),
    )
    .execute()
}

export async function loadTaskTrace(db: object, taskId: number): Promise<FactsTrace | undefined> {
  const row = await own(db).selectFrom('task_traces').select('trace').where('task_id', '=', taskId).executeTakeFirst()
  return row ? fromJson<FactsTrace>(row.trace, undefined as never) : undefined
}
