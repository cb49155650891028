/** `/version`: what this server is, and whether it wants a token (fuelclient reads `auth_required`). */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'

export const SERVER_VERSION = '10.0.0'

export function versionRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.get('/version', { config: { public: true } }, async () => ({
    release: '10.0',
    api: '1',
    openstack_version: 'newton-10.0',
    feature_groups: [],
    auth_required: ctx.config.auth !== 'none',
    nailgun_ts: SERVER_VERSION,
  }))
}
