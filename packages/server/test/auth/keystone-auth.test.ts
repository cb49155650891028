import { createTestDatabase, databases } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeystoneAuth } from '../../src/auth/keystone/keystone-auth.js'
import { hashToken } from '../../src/auth/keystone/token-store.js'
import { createUser, deleteUser, setPassword } from '../../src/auth/users.js'
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js'
import { migrateCore } from '../../src/db/migrate.js'

describe.each(databases())('token service on %s', (kind) => {
  let handle: DatabaseHandle
  let drop: () => Promise<void>
  let clock = new Date('2030-01-01T00:00:00.000Z')
  const keystone = () => createKeystoneAuth(handle.db, { tokenTtl: 60 }, { now: () => clock })

  beforeAll(async () => {
    const db = await createTestDatabase(kind)
    drop = db.drop
    handle = openDatabase(db.url, '')
    await migrateCore(handle.db as never, handle.dialect)
    await createUser(handle.db, { name: 'ops', password: 'ops-password', role: 'admin' })
    await createUser(handle.db, { name: 'viewer', password: 'viewer-password', role: 'reader' })
  })
  afterAll(async () => {
    await handle.close()
    await drop()
  })

  it('identifies the bearer until the token lifetime runs out', async () => {
    const service = keystone()
    const { token, record } = await service.issueWithPassword({ name: 'viewer' }, 'viewer-password', undefined)
    expect(record.expiresAt).toBe('2030-01-01T00:01:00.000Z')
    expect(await service.identify(token)).toEqual({
      userId: String(record.userId),
      name: 'viewer',
      roles: ['reader'],
      isAdmin: false,
    })
    clock = new Date('2030-01-01T00:00:59.999Z')
    expect(await service.identify(token)).toBeDefined()
    clock = new Date('2030-01-01T00:01:00.000Z')
    expect(await service.identify(token)).toBeUndefined()
    clock = new Date('2030-01-01T00:00:00.000Z')
  })

  it('stores only the sha256 of a token', async () => {
    const { token } = await keystone().issueWithPassword({ name: 'ops' }, 'ops-password', undefined)
    const ids = (await handle.db.selectFrom('tokens').select('id').execute()).map((r) => r.id)
    expect(ids).not.toContain(token)
    expect(ids).toContain(hashToken(token))
  })

  it('logs in by numeric user id too', async () => {
    const service = keystone()
    const { record } = await service.issueWithPassword({ name: 'ops' }, 'ops-password', undefined)
    const byId = await service.issueWithPassword({ id: String(record.userId) }, 'ops-password', undefined)
    expect(byId.record.userName).toBe('ops')
    await expect(service.issueWithPassword({ id: 'abc' }, 'ops-password', undefined)).rejects.toThrow(/Invalid user/)
  })

  it('revokes every token of a user whose password changes, and forgets deleted users', async () => {
    const service = keystone()
    await createUser(handle.db, { name: 'temp', password: 'temp-password', role: 'reader' })
    const { token } = await service.issueWithPassword({ name: 'temp' }, 'temp-password', undefined)
    await setPassword(handle.db, 'temp', 'new-temp-password')
    expect(await service.identify(token)).toBeUndefined()
    await expect(service.issueWithPassword({ name: 'temp' }, 'temp-password', undefined)).rejects.toThrow()
    const fresh = await service.issueWithPassword({ name: 'temp' }, 'new-temp-password', undefined)
    await deleteUser(handle.db, handle.dialect, 'temp')
    expect(await service.identify(fresh.token)).toBeUndefined()
  })

  it('refuses to delete the last administrator', async () => {
    await expect(deleteUser(handle.db, handle.dialect, 'ops')).rejects.toThrow(/last enabled administrator/)
  })

  it('refuses a disabled user even with the right password', async () => {
    await handle.db.updateTable('users').set({ enabled: false }).where('name', '=', 'viewer').execute()
    await expect(keystone().issueWithPassword({ name: 'viewer' }, 'viewer-password', undefined)).rejects.toThrow(
      /Invalid user/,
    )
    await handle.db.updateTable('users').set({ enabled: true }).where('name', '=', 'viewer').execute()
  })
})
