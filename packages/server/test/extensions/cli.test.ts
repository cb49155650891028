/**
 * `nailgun db migrate` goes on from the core to the extensions found under the extensions root;
 * `--extension NAME` and `db rollback --extension NAME --to 0` act on one. Run as the real command.
 */
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runNailgun } from '../cli/run-cli.js'
import { fixture } from './helpers.js'

describe('nailgun db with extensions', () => {
  let dir: string
  let env: Record<string, string>
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ng-ext-cli-'))
    await mkdir(path.join(dir, 'node_modules', '@fx'), { recursive: true })
    await symlink(fixture('migrating'), path.join(dir, 'node_modules', '@fx', 'migrating'), 'dir')
    await symlink(fixture('recorder'), path.join(dir, 'node_modules', '@fx', 'recorder'), 'dir')
    await symlink(fixture('bad-name'), path.join(dir, 'node_modules', '@fx', 'bad-name'), 'dir')
    env = { NAILGUN_DATABASE_URL: `sqlite:${path.join(dir, 'ext.sqlite')}`, NAILGUN_EXTENSIONS_ROOT: dir }
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  const tables = (prefix: string) => {
    const db = new SQLite(path.join(dir, 'ext.sqlite'), { readonly: true })
    try {
      const rows = db.prepare("select name from sqlite_master where type = 'table' and name like ?").all(`${prefix}%`)
      return (rows as Array<{ name: string }>).map((r) => r.name).sort()
    } finally {
      db.close()
    }
  }

  it('stops on a broken extension, naming it, after migrating the core', async () => {
    const res = await runNailgun(['db', 'migrate'], { env })
    expect(res.code).toBe(1)
    expect(res.stdout).toMatch(/Applied to sqlite:.*0001-core-schema/)
    expect(res.stderr).toContain("error: Extension BadName of package @fx/bad-name: name 'Bad-Name' must consist")
  })

  it('migrates one extension by name even when another one is broken', async () => {
    const res = await runNailgun(['db', 'migrate', '--extension', 'fx_store'], { env })
    expect(res.code).toBe(0)
    expect(res.stdout).toContain('Extension fx_store: applied 0001-items, 0002-tags')
    expect(tables('fx_store_')).toEqual([
      'fx_store_items',
      'fx_store_migrations',
      'fx_store_migrations_lock',
      'fx_store_tags',
    ])
  })

  it('migrates every extension in order when all load', async () => {
    await rm(path.join(dir, 'node_modules', '@fx', 'bad-name'))
    const res = await runNailgun(['db', 'migrate'], { env })
    expect(res.code).toBe(0)
    expect(res.stdout).toMatch(
      /Core schema .* is up to date\nExtension fx_recorder: applied 0001-log\nExtension fx_store is up to date\n/,
    )
  })

  it('rolls one extension back to 0, leaving no table of it', async () => {
    const res = await runNailgun(['db', 'rollback', '--extension', 'fx_store', '--to', '0'], { env })
    expect(res.code).toBe(0)
    expect(res.stdout).toBe('Extension fx_store: rolled back 0002-tags, 0001-items\n')
    expect(tables('fx_store_')).toEqual([])
    expect(tables('fx_recorder_')).toEqual(['fx_recorder_log', 'fx_recorder_migrations', 'fx_recorder_migrations_lock'])
  })

  it('refuses an extension that is not installed', async () => {
    const res = await runNailgun(['db', 'rollback', '--extension', 'nope'], { env })
    expect(res.code).toBe(1)
    expect(res.stderr).toBe("error: Extension 'nope' is not installed\n")
  })
})
