/**
 * `nailgun db`: schema maintenance.
 *
 * Extension point: the extension system plugs in here, without editing this file's callers.
 * `dbCommand(extra)` takes more sub-command factories (e.g. `rollback --extension NAME --to 0`),
 * and `migrateCommand(extend)` lets a caller add options to `db migrate` (e.g. `--extension NAME`)
 * and replace what runs after the core migrations through {@link MigrateHooks}.
 */
import { Command } from 'commander'
import type { Config } from '../config.js'
import type { DatabaseHandle } from '../db/database.js'
import { migrateCore } from '../db/migrate.js'
import { withDatabase } from './database.js'
import { print } from './output.js'

export type SubcommandFactory = () => Command

export interface MigrateHooks {
  /** Adds options to `db migrate` (they show up in its --help and in `options` below). */
  configure?(command: Command): void
  /** Runs after the core migrations, with the parsed options of `db migrate`. */
  afterCore?(database: DatabaseHandle, config: Config, options: Record<string, unknown>): Promise<void>
}

export function dbCommand(extra: readonly SubcommandFactory[] = [], hooks: MigrateHooks = {}): Command {
  const db = new Command('db').description('database schema maintenance')
  db.addCommand(migrateCommand(hooks))
  for (const make of extra) db.addCommand(make())
  return db
}

export function migrateCommand(hooks: MigrateHooks = {}): Command {
  const command = new Command('migrate').description('apply every pending core migration (safe to run concurrently)')
  hooks.configure?.(command)
  return withDatabase(command, async (database, config) => {
    const report = await migrateCore(database.db as never, database.dialect)
    print(
      report.applied.length === 0
        ? `Core schema of ${database.description} is up to date`
        : `Applied to ${database.description}: ${report.applied.join(', ')}`,
    )
    await hooks.afterCore?.(database, config, command.opts())
  })
}
