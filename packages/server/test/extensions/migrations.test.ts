/**
 * Extension migrations: applied after the core at start-up, with per-extension bookkeeping,
 * rolled back to zero without a trace, and refused (and rolled back) when a migration creates an
 * unprefixed table or relates to a core table.
 */
import path from 'node:path'
import { BaseExtension } from '@nailgun/extensions'
import { createTestApp, databases, type TestApp } from '@nailgun/testing'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadExtensions } from '../../src/extensions/load-extensions.js'
import { migrateExtension, rollbackExtension } from '../../src/extensions/migrations.js'
import { extensionMigrations } from '../../src/extensions/start-extensions.js'
import type { InstalledExtension } from '../../src/extensions/types.js'
import { API, captureLog, fixture } from './helpers.js'

class RelocatedStore extends BaseExtension {
  readonly name = 'fx_store'
  readonly version = '1.0.0'
  readonly description = 'Same migrations, named by migrationsPath()'
  migrationsPath() {
    return path.join(fixture('migrating'), 'migrations')
  }
}

async function installed(...dirs: string[]): Promise<InstalledExtension[]> {
  const loaded = await loadExtensions({ extensionsRoot: '/nonexistent', skipBrokenExtensions: false }, captureLog(), {
    discover: false,
    sources: dirs.map(fixture),
  })
  return loaded.installed
}

describe.each(databases())('extension migrations on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database, extensions: [fixture('migrating')] })
  })
  afterAll(() => t.close())

  const db = () => t.app.ctx.database.db as unknown as Kysely<Record<string, { name: string }>>
  const tables = async (prefix: string) =>
    (await db().introspection.getTables())
      .map((table) => table.name)
      .filter((name) => name.startsWith(prefix))
      .sort()
  const applied = async (prefix: string) =>
    (await db().selectFrom(`${prefix}migrations`).select('name').orderBy('name').execute()).map((r) => r.name)
  const migrations = () => extensionMigrations(t.app.ctx.database, t.app.ctx.extensions.installed)

  it('applies them at start-up after the core, with the extension own bookkeeping tables', async () => {
    expect(await tables('fx_store_')).toEqual([
      'fx_store_items',
      'fx_store_migrations',
      'fx_store_migrations_lock',
      'fx_store_tags',
    ])
    expect(await applied('fx_store_')).toEqual(['0001-items', '0002-tags'])
    expect(await migrations().migrateExtension('fx_store')).toMatchObject({ extension: 'fx_store', applied: [] })
  })

  it('rolls back to a named migration, then to 0 leaving no trace, and migrates again', async () => {
    expect((await migrations().rollbackExtension('fx_store', { to: '0001-items' })).rolledBack).toEqual(['0002-tags'])
    expect(await applied('fx_store_')).toEqual(['0001-items'])
    const report = await migrations().rollbackExtension('fx_store', { to: 0 })
    expect(report).toEqual({ extension: 'fx_store', rolledBack: ['0001-items'], leftovers: [] })
    expect(await tables('fx_store_')).toEqual([])
    expect((await migrations().migrateExtension('fx_store')).applied).toEqual(['0001-items', '0002-tags'])
  })

  it('reads the folder migrationsPath() names, and does nothing for an extension without migrations', async () => {
    const relocated = { extension: new RelocatedStore(), origin: t.app.ctx.extensions.installed[0]!.origin }
    expect(await migrateExtension(t.app.ctx.database, relocated)).toEqual({
      extension: 'fx_store',
      folder: path.join(fixture('migrating'), 'migrations'),
      applied: [],
    })
    const none = { ...relocated, extension: Object.assign(new RelocatedStore(), { migrationsPath: () => null }) }
    const report = await migrateExtension(t.app.ctx.database, { ...none, origin: { ...none.origin, modulePath: null } })
    expect(report).toEqual({ extension: 'fx_store', folder: null, applied: [] })
  })

  it('refuses a migration creating a table without the prefix, rolls it back, and keeps the earlier ones', async () => {
    const [bad] = await installed('bad-prefix')
    const error = (await migrateExtension(t.app.ctx.database, bad!).catch((e: unknown) => e)) as Error & {
      errors: unknown[]
    }
    expect(error.message).toBe(
      "Migration 0002-orphan of extension 'fx_badprefix' was rolled back: table 'orphans' does not start with the prefix 'fx_badprefix_'",
    )
    expect(error.errors).toEqual([
      { extension: 'fx_badprefix', migration: '0002-orphan', table: 'orphans', rule: 'table-prefix' },
    ])
    expect(await tables('orphans')).toEqual([])
    expect(await tables('fx_badprefix_')).toEqual([
      'fx_badprefix_migrations',
      'fx_badprefix_migrations_lock',
      'fx_badprefix_ok',
    ])
    expect(await applied('fx_badprefix_')).toEqual(['0001-ok'])
  })

  it('refuses a foreign key to a core table and rolls the migration back', async () => {
    const [coreFk] = await installed('core-fk')
    await expect(migrateExtension(t.app.ctx.database, coreFk!)).rejects.toMatchObject({
      message:
        "Migration 0001-links of extension 'fx_corefk' was rolled back: table 'fx_corefk_links' has a foreign key to 'nodes', a table the extension does not own",
      code: 'NG_ERR_EXTENSION_MIGRATION',
    })
    expect(await tables('fx_corefk_links')).toEqual([])
    await rollbackExtension(t.app.ctx.database, coreFk!, { to: 0 })
    expect(await tables('fx_corefk_')).toEqual([])
  })

  it('stops start-up on a failing migration, or lists the extension as failed with skipBrokenExtensions', async () => {
    await expect(createTestApp({ database, extensions: [fixture('core-fk')] })).rejects.toThrow(
      /Migration 0001-links of extension 'fx_corefk' was rolled back/,
    )
    const skipping = await createTestApp({
      database,
      extensions: [fixture('core-fk'), fixture('migrating')],
      config: { skipBrokenExtensions: true },
    })
    try {
      const res = await skipping.get(`${API}/extensions`)
      expect(res.body.map((e: { name: string; status: string }) => [e.name, e.status])).toEqual([
        ['fx_store', 'loaded'],
        ['fx_corefk', 'failed'],
      ])
      expect(res.body[1].error).toMatch(/foreign key to 'nodes'/)
    } finally {
      await skipping.close()
    }
  })
})
