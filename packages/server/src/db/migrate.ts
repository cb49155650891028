/**
 * Core schema migrations, versioned and applied in order with their own bookkeeping table
 * (`nailgun_migrations`). On PostgreSQL the migrator holds an advisory lock, so several servers
 * starting at once apply each migration exactly once.
 */
import { type Kysely, type Migration, type MigrationResult, Migrator } from 'kysely'
import type { DialectName } from './dialect.js'
import { coreSchema } from './migrations/0001-core-schema.js'
import { masterSettingsSchema } from './migrations/0002-master-settings.js'
import { taskTracesSchema } from './migrations/0003-task-traces.js'
import { extensionStateSchema } from './migrations/0004-extension-state.js'
import { nodeHostnameIndex } from './migrations/0005-node-hostname-index.js'
import { nodeFillfactor } from './migrations/0006-node-fillfactor.js'
import { normalizedNodeMeta } from './migrations/0007-normalized-node-meta.js'

export const CORE_MIGRATION_TABLE = 'nailgun_migrations'

export function coreMigrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-core-schema': coreSchema(dialect),
    '0002-master-settings': masterSettingsSchema(),
    '0003-task-traces': taskTracesSchema(dialect),
    '0004-extension-state': extensionStateSchema(dialect),
    '0005-node-hostname-index': nodeHostnameIndex(),
    '0006-node-fillfactor': nodeFillfactor(dialect),
    '0007-normalized-node-meta': normalizedNodeMeta(),
  }
}

export interface MigrationReport {
  applied: string[]
}

/** Applies every pending core migration; throws with the failing migration's name. */
export async function migrateCore(db: Kysely<unknown>, dialect: DialectName): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => coreMigrations(dialect) },
    migrationTableName: CORE_MIGRATION_TABLE,
    migrationLockTableName: `${CORE_MIGRATION_TABLE}_lock`,
  })
  const { error, results } = await migrator.migrateToLatest()
  return checkResults(error, results, 'core')
}

export function checkResults(error: unknown, results: MigrationResult[] | undefined, owner: string): MigrationReport {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`Migration ${failed} of ${owner} failed: ${reason}`, { cause: error })
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}
