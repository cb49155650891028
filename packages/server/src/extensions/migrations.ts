/**
 * Extension migrations: per extension, a Kysely Migrator over its migration files with its own
 * bookkeeping tables (`<prefix>migrations`, `<prefix>migrations_lock`), applied after the core and
 * in extension order. Each migration runs in its own transaction (a savepoint on the migrator's
 * connection, so SQLite gets one too) and is checked against migration-rules.ts before commit.
 * @module
 */
import { type Kysely, type Migration, type MigrationResult, Migrator, NO_MIGRATIONS, sql } from 'kysely'
import type { DatabaseHandle } from '../db/database.js'
import type { DialectName } from '../db/dialect.js'
import { errors } from '../errors.js'
import { ExtensionMigrationFiles, migrationsFolder } from './migration-files.js'
import { checkRules, type RuleViolation, tableNames } from './migration-rules.js'
import type { InstalledExtension } from './types.js'

export type MigrationDatabase = Pick<DatabaseHandle, 'db' | 'dialect'>

export interface ExtensionMigrationReport {
  extension: string
  /** The migrations folder, or null when the extension has none. */
  folder: string | null
  applied: string[]
}

export interface ExtensionRollbackReport {
  extension: string
  rolledBack: string[]
  /** Prefixed tables still there after rolling back to 0: the extension's `down` is incomplete. */
  leftovers: string[]
}

type Target = Pick<InstalledExtension, 'extension' | 'origin'>

export const bookkeepingTables = (prefix: string) => [`${prefix}migrations`, `${prefix}migrations_lock`]

/** Applies the extension's pending migrations one at a time; throws NG_ERR_EXTENSION_MIGRATION naming the culprit. */
export async function migrateExtension(database: MigrationDatabase, target: Target): Promise<ExtensionMigrationReport> {
  const report: ExtensionMigrationReport = {
    extension: target.extension.name,
    folder: migrationsFolder(target),
    applied: [],
  }
  const migrator = migratorFor(database, target)
  if (!migrator) return report
  for (;;) {
    const { error, results = [] } = await migrator.migrateUp()
    if (error) throw migrationError(target, results, error)
    const done = results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
    if (done.length === 0) return report
    report.applied.push(...done)
  }
}

/** Rolls back to a named migration, or with `to: 0` removes every trace, bookkeeping tables included. */
export async function rollbackExtension(
  database: MigrationDatabase,
  target: Target,
  { to }: { to: 0 | string },
): Promise<ExtensionRollbackReport> {
  const prefix = target.extension.tablePrefix()
  const report: ExtensionRollbackReport = { extension: target.extension.name, rolledBack: [], leftovers: [] }
  const migrator = migratorFor(database, target)
  if (migrator) {
    const { error, results = [] } = await migrator.migrateTo(to === 0 ? NO_MIGRATIONS : to)
    if (error) throw migrationError(target, results, error)
    report.rolledBack = results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
  }
  if (to !== 0) return report
  const db = database.db as Kysely<unknown>
  for (const table of bookkeepingTables(prefix)) await db.schema.dropTable(table).ifExists().execute()
  report.leftovers = [...(await tableNames(db))].filter((t) => t.startsWith(prefix)).sort()
  return report
}

function migratorFor(database: MigrationDatabase, target: Target): Migrator | undefined {
  const folder = migrationsFolder(target)
  if (!folder) return undefined
  const prefix = target.extension.tablePrefix()
  const files = new ExtensionMigrationFiles(folder)
  const [table, lock] = bookkeepingTables(prefix) as [string, string]
  return new Migrator({
    db: database.db as Kysely<unknown>,
    provider: { getMigrations: async () => enforceAll(await files.getMigrations(), database.dialect, prefix) },
    migrationTableName: table,
    migrationLockTableName: lock,
  })
}

function enforceAll(migrations: Record<string, Migration>, dialect: DialectName, prefix: string) {
  const enforced: Record<string, Migration> = {}
  for (const [name, migration] of Object.entries(migrations)) {
    const down = migration.down
    enforced[name] = {
      up: (db) =>
        inSavepoint(db, async () => {
          const before = await tableNames(db)
          await migration.up(db)
          const violations = await checkRules(db, dialect, prefix, before)
          if (violations.length > 0) throw new MigrationRuleError(violations)
        }),
      ...(down ? { down: (db: Kysely<unknown>) => inSavepoint(db, () => down(db)) } : {}),
    }
  }
  return enforced
}

class MigrationRuleError extends Error {
  constructor(readonly violations: RuleViolation[]) {
    super(violations.map((v) => v.message).join('; '))
  }
}

async function inSavepoint(db: Kysely<unknown>, body: () => Promise<void>): Promise<void> {
  await sql`savepoint ng_ext_migration`.execute(db)
  try {
    await body()
  } catch (error) {
    await sql`rollback to savepoint ng_ext_migration`.execute(db)
    await sql`release savepoint ng_ext_migration`.execute(db)
    throw error
  }
  await sql`release savepoint ng_ext_migration`.execute(db)
}

function migrationError(target: Target, results: MigrationResult[], error: unknown) {
  const migration = results.find((r) => r.status === 'Error')?.migrationName ?? '(setup)'
  const extension = target.extension.name
  const reason = error instanceof Error ? error.message : String(error)
  const violations = error instanceof MigrationRuleError ? error.violations : []
  return errors.extensionMigration(`Migration ${migration} of extension '${extension}' was rolled back: ${reason}`, {
    cause: error,
    errors:
      violations.length > 0
        ? violations.map((v) => ({ extension, migration, table: v.table, rule: v.rule }))
        : [{ extension, migration, rule: 'error' }],
  })
}
