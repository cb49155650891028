import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createTestDatabase, databases, login, type TestApp } from '@nailgun/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { ensureFirstAdmin } from '../../src/auth/first-admin.js'
import { verifyPassword } from '../../src/auth/passwords.js'
import { createUser, listUsers } from '../../src/auth/users.js'
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js'
import { migrateCore } from '../../src/db/migrate.js'
import { keystoneApp } from './helpers.js'

describe.each(databases())('first administrator on %s', (kind) => {
  const cleanup: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step()
  })

  async function freshDatabase(): Promise<{ url: string; handle: DatabaseHandle }> {
    const db = await createTestDatabase(kind)
    cleanup.push(db.drop)
    // Several handles must see one database, so SQLite needs a file rather than :memory:.
    let url = db.url
    if (kind === 'sqlite') {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'ng-admin-'))
      cleanup.push(() => rm(dir, { recursive: true, force: true }))
      url = `sqlite:${path.join(dir, 'nailgun.sqlite')}`
    }
    const handle = openDatabase(url, '')
    cleanup.push(handle.close)
    await migrateCore(handle.db as never, handle.dialect)
    return { url, handle }
  }

  it('creates admin with the password from NAILGUN_ADMIN_PASSWORD', async () => {
    const t: TestApp = await keystoneApp(kind, { adminPassword: 'from-the-environment' })
    cleanup.push(() => t.close())
    await login(t, 'admin', 'from-the-environment')
    expect((await t.get('/api/v1/releases')).status).toBe(200)
  })

  it('generates a password, announces it exactly once, and it works', async () => {
    const { handle } = await freshDatabase()
    const announced: string[] = []
    const log = { info: (msg: string) => announced.push(`LOG ${msg}`) }
    const outcome = await ensureFirstAdmin(handle.db, { password: undefined, announce: (s) => announced.push(s), log })
    expect(outcome).toBe('created-with-generated-password')
    const banner = announced.find((s) => s.includes('password:'))!
    const password = /password: (\S+)/.exec(banner)![1]!
    expect(password).toHaveLength(24)
    expect(announced.filter((s) => s.startsWith('LOG')).join()).not.toContain(password)
    expect(await ensureFirstAdmin(handle.db, { password: undefined, announce: (s) => announced.push(s) })).toBe(
      'exists',
    )
    expect(announced.filter((s) => s.includes(password))).toHaveLength(1)
    const row = await handle.db
      .selectFrom('users')
      .select('password_hash')
      .where('name', '=', 'admin')
      .executeTakeFirstOrThrow()
    expect(await verifyPassword(password, row.password_hash)).toBe(true)
  })

  it('seeds one admin when several servers start at once, and only the creator prints a password', async () => {
    const { url } = await freshDatabase()
    const handles = [openDatabase(url, ''), openDatabase(url, ''), openDatabase(url, '')]
    for (const h of handles) cleanup.push(h.close)
    const announced: string[] = []
    const outcomes = await Promise.all(
      handles.map((h) => ensureFirstAdmin(h.db, { password: undefined, announce: (s) => announced.push(s) })),
    )
    expect(outcomes.filter((o) => o === 'created-with-generated-password')).toHaveLength(1)
    expect(announced).toHaveLength(1)
    expect((await listUsers(handles[0]!.db)).map((u) => u.name)).toEqual(['admin'])
  })

  it('creates no admin when one exists already, whatever its name', async () => {
    const { handle } = await freshDatabase()
    await createUser(handle.db, { name: 'ops', password: 'ops-password', role: 'admin' })
    expect(await ensureFirstAdmin(handle.db, { password: 'ignored-password' })).toBe('exists')
    expect((await listUsers(handle.db)).map((u) => u.name)).toEqual(['ops'])
  })

  it('creates an admin even when only readers exist, so nobody is locked out', async () => {
    const { handle } = await freshDatabase()
    await createUser(handle.db, { name: 'viewer', password: 'viewer-password', role: 'reader' })
    expect(await ensureFirstAdmin(handle.db, { password: 'admin-password' })).toBe('created-with-configured-password')
  })

  it('refuses to start with a weak NAILGUN_ADMIN_PASSWORD', async () => {
    await expect(keystoneApp(kind, { adminPassword: 'short' })).rejects.toThrow(
      /NAILGUN_ADMIN_PASSWORD must be at least 8/,
    )
  })
})
