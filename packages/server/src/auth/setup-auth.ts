/**
 * Chooses the authentication of the API from `config.auth`: `keystone` seeds the first
 * administrator, mounts the /keystone token endpoints and checks X-Auth-Token on every request;
 * `none` lets every caller act as an anonymous administrator (development, trusted networks).
 */
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import type { DatabaseHandle } from '../db/database.js'
import { type AuthService, noAuth } from './auth-service.js'
import { ensureFirstAdmin } from './first-admin.js'
import { createKeystoneAuth } from './keystone/keystone-auth.js'
import { keystoneRoutes } from './keystone/keystone-routes.js'

export interface SetupAuthOptions {
  /** Where a generated admin password is shown; stdout by default. */
  announce?: (text: string) => void
}

export async function setupAuth(
  http: FastifyInstance,
  database: DatabaseHandle,
  config: Config,
  options: SetupAuthOptions = {},
): Promise<AuthService> {
  if (config.auth === 'none') return noAuth()
  await ensureFirstAdmin(database.db, { password: config.adminPassword, announce: options.announce, log: http.log })
  const keystone = createKeystoneAuth(database.db, config, { log: http.log })
  keystoneRoutes(http, keystone)
  return keystone
}
