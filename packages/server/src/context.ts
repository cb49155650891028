/**
 * What every route and service receives: configuration, the database, the logger, the
 * extension host's event bus and pipelines, and the orchestrator transport. Built once by the
 * composition root (app.ts).
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from './config.js'
import type { DatabaseHandle } from './db/database.js'
import type { ExtensionHost } from './extensions/extension-host.js'
import type { AppMetrics } from './observability/metrics.js'
import type { OrchestratorTransport } from './orchestrator/types.js'

export interface AppContext {
  config: Config
  database: DatabaseHandle
  log: FastifyBaseLogger
  extensions: ExtensionHost
  /** Where task messages are cast; its responses reach deployment/receiver. */
  orchestrator: OrchestratorTransport
  /** Prometheus metrics of this app instance (absent outside the server, e.g. in CLI commands). */
  metrics?: AppMetrics
}
