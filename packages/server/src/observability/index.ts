/**
 * Observability wiring for the composition root: metrics of this app instance, the request id
 * echoed on every answer, HTTP and extension-call metrics, and the OpenAPI document. Call right
 * after the Fastify instance is built, before any route is added.
 * @module
 */
import type { FastifyInstance } from 'fastify'
import type { ExtensionRoute } from '../extensions/url-patterns.js'
import { registerOpenApi } from '../http/openapi.js'
import { bindExtensionMetrics } from './extension-calls.js'
import { observeRequests } from './http-metrics.js'
import { type AppMetrics, createMetrics } from './metrics.js'

export { healthRoutes } from './health-routes.js'
export { instrumentTransport } from './instrument-transport.js'
export type { AppMetrics } from './metrics.js'
export { metricsRoute } from './metrics-route.js'

/** `extensionRoutes` is read when the document is first built, after the extensions are loaded. */
export function setupObservability(
  http: FastifyInstance,
  extensionRoutes: () => readonly ExtensionRoute[],
): AppMetrics {
  const metrics = createMetrics({ processMetrics: true })
  bindExtensionMetrics(http.log, metrics)
  observeRequests(http, metrics)
  registerOpenApi(http, { version: API_VERSION, extensionRoutes })
  return metrics
}

const API_VERSION = '10.0'
