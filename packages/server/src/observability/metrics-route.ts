/**
 * `GET /metrics` in Prometheus' text format, outside the API. Scrapers rarely send tokens, so it is
 * public by default (the server listens on loopback unless told otherwise); with
 * `NAILGUN_METRICS_PUBLIC=false` it asks for a valid X-Auth-Token like the API (any role).
 * @module
 */
import type { FastifyInstance } from 'fastify'
import type { AuthService } from '../auth/auth-service.js'
import { errors } from '../errors.js'
import type { AppMetrics } from './metrics.js'

export function metricsRoute(http: FastifyInstance, metrics: AppMetrics, auth: AuthService, isPublic: boolean): void {
  http.get('/metrics', { config: { public: isPublic }, schema: { hide: true } }, async (request, reply) => {
    if (!isPublic && auth.required) {
      const token = request.headers['x-auth-token']
      const identity = typeof token === 'string' && token !== '' ? await auth.identify(token) : undefined
      if (!identity) throw errors.unauthorized()
    }
    const text = await metrics.scrape()
    return reply.type(metrics.registry.contentType).send(text)
  })
}
