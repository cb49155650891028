/** Mounts the Keystone-compatible identity API at /keystone (public: it is where tokens come from). */
import type { FastifyInstance } from 'fastify'
import type { KeystoneAuth } from './keystone-auth.js'
import { v2PasswordRoute } from './v2-password-route.js'
import { v2Routes } from './v2-routes.js'
import { v3Routes } from './v3-routes.js'

export const KEYSTONE_PREFIX = '/keystone'

export function keystoneRoutes(app: FastifyInstance, keystone: KeystoneAuth): void {
  void app.register(
    async (ks) => {
      v2Routes(ks, keystone)
      v2PasswordRoute(ks, keystone)
      v3Routes(ks, keystone)
    },
    { prefix: KEYSTONE_PREFIX },
  )
}
