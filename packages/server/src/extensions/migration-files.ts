/**
 * Where an extension's migrations live and how they are read: `migrationsPath()`, or the
 * `migrations/` folder beside the extension's module (the seed's `alembic_migrations_path` and
 * `extension_module/alembic_migrations/migrations/`). Each `.ts`/`.js` file exports `up(db)` and
 * optionally `down(db)`; files apply in name order, the name without extension is the migration's.
 * @module
 */
import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Migration, MigrationProvider } from 'kysely'
import type { InstalledExtension } from './types.js'

const MIGRATION_FILE = /^(?!.*\.d\.[cm]?ts$)(?!.*\.test\.).+\.(ts|js|mjs|mts)$/

/** The extension's migrations folder, or null when it has none. */
export function migrationsFolder({
  extension,
  origin,
}: Pick<InstalledExtension, 'extension' | 'origin'>): string | null {
  const declared = extension.migrationsPath()
  const folder = declared ?? (origin.modulePath ? path.join(path.dirname(origin.modulePath), 'migrations') : null)
  return folder && existsSync(folder) ? folder : null
}

export class ExtensionMigrationFiles implements MigrationProvider {
  constructor(private readonly folder: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.folder)).filter((file) => MIGRATION_FILE.test(file)).sort()
    const migrations: Record<string, Migration> = {}
    for (const file of files) {
      const module = (await import(pathToFileURL(path.join(this.folder, file)).href)) as Partial<Migration>
      if (typeof module.up !== 'function') throw new Error(`migration ${file} does not export an up(db) function`)
      migrations[file.replace(/\.[^.]+$/, '')] = { up: module.up, ...(module.down ? { down: module.down } : {}) }
    }
    return migrations
  }
}
