/** Shared set-up of the auth tests: an app in keystone mode with a known admin password, extra users. */
import { createTestApp, type TestApp, type TestDatabaseKind } from '@nailgun/testing'
import { hashToken } from '../../src/auth/keystone/token-store.js'
import { createUser, type Role } from '../../src/auth/users.js'

export const ADMIN_PASSWORD = 'admin-secret-1234'
export const READER_PASSWORD = 'reader-secret-1234'

export function keystoneApp(database: TestDatabaseKind, config: Record<string, unknown> = {}): Promise<TestApp> {
  return createTestApp({ database, config: { auth: 'keystone', adminPassword: ADMIN_PASSWORD, ...config } })
}

export async function addUser(t: TestApp, name: string, password: string, role: Role): Promise<void> {
  await createUser(t.app.ctx.database.db, { name, password, role })
}

/** Moves the token's expiry into the past, as if its lifetime had run out. */
export async function expireToken(t: TestApp, token: string): Promise<void> {
  await t.app.ctx.database.db
    .updateTable('tokens')
    .set({ expires_at: '2000-01-01T00:00:00.000Z' })
    .where('id', '=', hashToken(token))
    .execute()
}

export function v2Password(
  username: string,
  password: string,
  scope: Record<string, string> = { tenantName: 'admin' },
) {
  return { auth: { passwordCredentials: { username, password }, ...scope } }
}

export function v3Password(name: string, password: string, extra: Record<string, unknown> = {}) {
  return {
    auth: {
      identity: { methods: ['password'], password: { user: { name, password, domain: { id: 'default' }, ...extra } } },
      scope: { project: { name: 'admin' } },
    },
  }
}
