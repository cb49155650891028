/**
 * Logging in from tests: `login(t, 'admin', password)` gets a Keystone v2.0 token the way
 * python-fuelclient does and sends it as X-Auth-Token with every later request of `t`.
 *
 * @example
 * ```ts
 * const t = await createTestApp({ config: { auth: 'keystone', adminPassword: 'secret-pass' } })
 * await login(t, 'admin', 'secret-pass')
 * expect((await t.get('/api/v1/releases')).status).toBe(200)
 * ```
 */
import type { TestApp } from './test-app.js'

/** Logs in (tenant `admin`), stores the token in `t.headers['x-auth-token']` and returns it. */
export async function login(t: TestApp, user: string, password: string, tenantName = 'admin'): Promise<string> {
  const res = await t.post('/keystone/v2.0/tokens', {
    auth: { passwordCredentials: { username: user, password }, tenantName },
  })
  if (res.status !== 200)
    throw new Error(`login as '${user}' failed with ${res.status}: ${res.body?.message ?? res.text}`)
  const token = res.body.access.token.id as string
  t.headers['x-auth-token'] = token
  return token
}

/** Forgets the token: later requests of `t` are anonymous. */
export function logout(t: TestApp): void {
  delete t.headers['x-auth-token']
}
