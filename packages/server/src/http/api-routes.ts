/**
 * Mounts the v1 API under both `/api` and `/api/v1`, behind authentication (X-Auth-Token) and
 * Nailgun's RBAC: a caller without the admin role may only GET. Routes marked `public` (the
 * agent's) skip both.
 */
import type { CallerIdentity } from '@nailgun/extensions'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AuthService } from '../auth/auth-service.js'
import { errors } from '../errors.js'

export const API_PREFIXES = ['/api', '/api/v1'] as const

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a token (agent routes). */
    public?: boolean
  }
  interface FastifyRequest {
    user: CallerIdentity | null
  }
}

export type RouteRegistrar = (api: FastifyInstance) => void

export function mountApi(app: FastifyInstance, auth: AuthService, registrars: readonly RouteRegistrar[]): void {
  app.decorateRequest('user', null)
  for (const prefix of API_PREFIXES) {
    void app.register(
      async (api) => {
        api.addHook('onRequest', async (request) => authorize(request, auth))
        for (const register of registrars) register(api)
      },
      { prefix },
    )
  }
}

async function authorize(request: FastifyRequest, auth: AuthService): Promise<void> {
  if (request.routeOptions.config?.public) return
  const token = request.headers['x-auth-token']
  const identity = typeof token === 'string' && token !== '' ? await auth.identify(token) : await anonymous(auth)
  if (!identity) throw errors.unauthorized()
  if (!identity.isAdmin && request.method !== 'GET' && request.method !== 'HEAD') throw errors.forbidden()
  request.user = identity
}

async function anonymous(auth: AuthService): Promise<CallerIdentity | undefined> {
  return auth.required ? undefined : auth.identify('')
}
