/**
 * The extension system's part of `nailgun db`: `db migrate` goes on from the core to every
 * extension in extension order (or `--extension NAME` only), and `db rollback --extension NAME
 * --to 0` removes an extension's tables and bookkeeping. Plugged into the CLI engineer's
 * `dbCommand(extra, hooks)` extension point.
 * @module
 */
import path from 'node:path'
import { Command } from 'commander'
import { withDatabase } from '../cli/database.js'
import type { MigrateHooks } from '../cli/db-command.js'
import { print } from '../cli/output.js'
import type { Config } from '../config.js'
import type { DatabaseHandle } from '../db/database.js'
import { errors } from '../errors.js'
import { loadExtensions } from './load-extensions.js'
import { stderrLogger } from './logger.js'
import { extensionMigrations } from './start-extensions.js'

type Options = Record<string, unknown>

export function extensionMigrateHooks(): MigrateHooks {
  return {
    configure(command) {
      command.option('--extension <name>', 'after the core, migrate only this extension (default: all of them)')
      command.option('--extensions-root <dir>', 'folder whose node_modules is scanned for extensions')
    },
    async afterCore(database, config, options) {
      const only = typeof options.extension === 'string' ? options.extension : undefined
      const migrations = await migrationsFor(database, config, options, only)
      const reports = only ? [await migrations.migrateExtension(only)] : await migrations.migrateAll()
      for (const { extension, folder, applied } of reports) {
        if (folder === null) print(`Extension ${extension} has no migrations`)
        else if (applied.length === 0) print(`Extension ${extension} is up to date`)
        else print(`Extension ${extension}: applied ${applied.join(', ')}`)
      }
    },
  }
}

export function rollbackCommand(): Command {
  const command = new Command('rollback')
    .description("roll an extension's migrations back; --to 0 removes its tables and bookkeeping")
    .requiredOption('--extension <name>', 'the extension to roll back')
    .option('--to <migration>', 'the migration to keep as the last applied one, or 0 for none', '0')
    .option('--extensions-root <dir>', 'folder whose node_modules is scanned for extensions')
  return withDatabase(command, async (database, config) => {
    const options = command.opts()
    const name = String(options.extension)
    const to = String(options.to) === '0' ? 0 : String(options.to)
    const report = await (await migrationsFor(database, config, options, name)).rollbackExtension(name, { to })
    const done = report.rolledBack.length === 0 ? 'nothing to roll back' : `rolled back ${report.rolledBack.join(', ')}`
    print(`Extension ${name}: ${done}`)
    if (report.leftovers.length > 0) {
      print(`Warning: tables ${report.leftovers.join(', ')} remain: the extension's down migrations do not drop them`)
    }
  })
}

/** Loads the installed extensions; with one named, the others' failures do not stand in its way. */
async function migrationsFor(database: DatabaseHandle, config: Config, options: Options, only?: string) {
  const root = typeof options.extensionsRoot === 'string' ? path.resolve(options.extensionsRoot) : config.extensionsRoot
  const loaded = await loadExtensions(
    { extensionsRoot: root, skipBrokenExtensions: only !== undefined },
    stderrLogger(),
  )
  const failure = loaded.failed.find((f) => f.name === only)
  if (failure) throw errors.extensionLoad(failure.error)
  return extensionMigrations(database, loaded.installed)
}
