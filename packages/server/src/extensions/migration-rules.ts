/**
 * The rules an extension migration must keep, checked by comparing the tables before and after
 * it (both databases run DDL transactionally, so a breach is rolled back): every table it creates
 * starts with the extension's prefix, it drops no table it does not own, and none of its tables
 * has a foreign key to a table it does not own (core data changes without asking extensions;
 * Nailgun documented this and never checked it).
 * @module
 */
import { type Kysely, sql } from 'kysely'
import type { DialectName } from '../db/dialect.js'

export interface RuleViolation {
  table: string
  rule: 'table-prefix' | 'foreign-table-dropped' | 'no-foreign-key-to-core'
  message: string
}

export async function tableNames(db: Kysely<unknown>): Promise<Set<string>> {
  return new Set((await db.introspection.getTables()).map((t) => t.name))
}

/** Tables `table` has foreign keys to. The one query the two databases cannot share. */
export async function foreignKeyTargets(db: Kysely<unknown>, dialect: DialectName, table: string): Promise<string[]> {
  const rows =
    dialect === 'sqlite'
      ? await sql<{ target: string }>`select "table" as target from pragma_foreign_key_list(${table})`.execute(db)
      : await sql<{ target: string }>`
          select target.relname as target from pg_constraint k
          join pg_class source on source.oid = k.conrelid
          join pg_class target on target.oid = k.confrelid
          join pg_namespace n on n.oid = source.relnamespace
          where k.contype = 'f' and source.relname = ${table} and n.nspname = current_schema()`.execute(db)
  return [...new Set(rows.rows.map((r) => r.target))]
}

export async function checkRules(
  db: Kysely<unknown>,
  dialect: DialectName,
  prefix: string,
  before: ReadonlySet<string>,
): Promise<RuleViolation[]> {
  const after = await tableNames(db)
  const violations: RuleViolation[] = []
  for (const table of after) {
    if (!before.has(table) && !table.startsWith(prefix)) {
      violations.push({
        table,
        rule: 'table-prefix',
        message: `table '${table}' does not start with the prefix '${prefix}'`,
      })
    }
  }
  for (const table of before) {
    if (!after.has(table) && !table.startsWith(prefix)) {
      violations.push({
        table,
        rule: 'foreign-table-dropped',
        message: `table '${table}' is not the extension's to drop`,
      })
    }
  }
  for (const table of [...after].filter((t) => t.startsWith(prefix) || !before.has(t))) {
    for (const target of await foreignKeyTargets(db, dialect, table)) {
      if (target.startsWith(prefix)) continue
      const message = `table '${table}' has a foreign key to '${target}', a table the extension does not own`
      violations.push({ table, rule: 'no-foreign-key-to-core', message })
    }
  }
  return violations
}
