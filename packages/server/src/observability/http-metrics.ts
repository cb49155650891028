/**
 * Request-level observability on the root instance: every answer carries its request id
 * (`X-Request-Id`, the caller's when it sent one, so a log line can be found from a response),
 * and is counted and timed by route pattern and status.
 * @module
 */
import type { FastifyInstance } from 'fastify'
import type { AppMetrics } from './metrics.js'

/** The label of requests no route matched: raw URLs must never become label values. */
export const UNMATCHED_ROUTE = 'unmatched'

export function observeRequests(http: FastifyInstance, metrics: AppMetrics): void {
  http.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id)
  })
  http.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE
    metrics.httpRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000)
  })
}
