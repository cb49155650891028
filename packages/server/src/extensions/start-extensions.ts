/**
 * Start-up of the extension system, called by the composition root after the core migrations:
 * load (discover, import, validate, order), apply the extensions' migrations in extension order,
 * and build the host. Also the by-name migration commands the CLI uses.
 * @module
 */
import type { ObjectsApi } from '@nailgun/extensions'
import { NailgunError } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Config } from '../config.js'
import type { Database } from '../db/schema.js'
import { errors } from '../errors.js'
import { createExtensionHost, type ExtensionHost } from './extension-host.js'
import { createFaultPolicy } from './fault-policy.js'
import { type LoadOptions, loadExtensions } from './load-extensions.js'
import type { HostLogger } from './logger.js'
import { type MigrationDatabase, migrateExtension, rollbackExtension } from './migrations.js'
import type { InstalledExtension, LoadedExtensions } from './types.js'

export interface StartExtensionsOptions extends LoadOptions {
  config: Pick<Config, 'extensionsRoot' | 'skipBrokenExtensions' | 'migrateOnStart'>
  database: MigrationDatabase
  log: HostLogger
  makeObjects: (trx: Kysely<Database>) => ObjectsApi
  /** Consecutive failures that make an extension degraded (default 5). */
  failureThreshold?: number
}

export async function startExtensions(options: StartExtensionsOptions): Promise<ExtensionHost> {
  const { config, database, log, makeObjects } = options
  const loaded = await loadExtensions(config, log, options)
  if (config.migrateOnStart) await migrateLoaded(database, loaded, config.skipBrokenExtensions, log)
  const faults = createFaultPolicy({ db: database.db as Kysely<unknown>, log, threshold: options.failureThreshold })
  return createExtensionHost({ loaded, makeObjects, log, faults })
}

/** Migrates every loaded extension in order; with skipBroken a failing one is moved to `failed`. */
export async function migrateLoaded(
  database: MigrationDatabase,
  loaded: LoadedExtensions,
  skipBroken: boolean,
  log: HostLogger,
): Promise<void> {
  for (const item of [...loaded.installed]) {
    try {
      const report = await migrateExtension(database, item)
      if (report.applied.length > 0)
        log.info({ extension: report.extension, applied: report.applied }, 'Extension migrated')
    } catch (error) {
      if (!skipBroken) throw error
      const { extension: e } = item
      const message = error instanceof Error ? error.message : String(error)
      const code = error instanceof NailgunError ? error.code : 'NG_ERR_EXTENSION_MIGRATION'
      loaded.installed.splice(loaded.installed.indexOf(item), 1)
      loaded.failed.push({
        origin: item.origin,
        name: e.name,
        version: e.version,
        description: e.description,
        error: message,
        code,
      })
      log.error({ extension: e.name }, `Extension skipped: ${message}`)
    }
  }
}

/** `migrateExtension(name)`, `rollbackExtension(name, {to: 0})` over a set of installed extensions. */
export function extensionMigrations(database: MigrationDatabase, installed: readonly InstalledExtension[]) {
  const find = (name: string) => {
    const item = installed.find((i) => i.extension.name === name)
    if (!item) throw errors.extensionNotFound(`Extension '${name}' is not installed`)
    return item
  }
  return {
    migrateAll: async () => {
      const reports = []
      for (const item of installed) reports.push(await migrateExtension(database, item))
      return reports
    },
    migrateExtension: (name: string) => migrateExtension(database, find(name)),
    rollbackExtension: (name: string, options: { to: 0 | string }) => rollbackExtension(database, find(name), options),
  }
}
