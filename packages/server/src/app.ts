/**
 * The composition root: configuration → database → extensions → HTTP → orchestrator. The only
 * file that wires the parts together; nothing imports it but the CLI and the tests.
 */
import type { FastifyInstance } from 'fastify'
import { setupAuth } from './auth/setup-auth.js'
import type { Config } from './config.js'
import type { AppContext } from './context.js'
import { openDatabase } from './db/database.js'
import { migrateCore } from './db/migrate.js'
import { applyResponse, factsRoutes, operationsRoutes, recoverInterruptedTasks } from './deployment/index.js'
import { clusterRoutes } from './domain/cluster/index.js'
import { nodeRoutes } from './domain/node/index.js'
import { nodeGroupRoutes } from './domain/nodegroup/index.js'
import { notificationRoutes } from './domain/notification/index.js'
import { makeObjectsApi } from './domain/objects-api.js'
import { releaseRoutes, seedReleases } from './domain/release/index.js'
import { taskRoutes } from './domain/task/index.js'
import { versionRoutes } from './domain/version/version-routes.js'
import type { ExtensionHost } from './extensions/extension-host.js'
import { extensionRoutes, guardCoreRoutes } from './extensions/routes.js'
import { startExtensions } from './extensions/start-extensions.js'
import { traceRoutes } from './extensions/trace/trace-routes.js'
import type { ExtensionSource } from './extensions/types.js'
import { mountApi } from './http/api-routes.js'
import { createHttpServer } from './http/http-server.js'
import { uiEventsRoutes } from './http/ui-events.js'
import { uiStatic } from './http/ui-static.js'
import { healthRoutes, instrumentTransport, metricsRoute, setupObservability } from './observability/index.js'
import { createTransport, type OrchestratorTransport, transportConfigOf } from './orchestrator/index.js'

export interface App {
  http: FastifyInstance
  ctx: AppContext
  close(): Promise<void>
}

type Slice = (api: FastifyInstance, ctx: AppContext) => void

export interface CreateAppOptions {
  /** Scan `<extensionsRoot>/node_modules` for extension packages (default true). */
  discoverExtensions?: boolean
  /** More extensions to install: package directories, extension classes or instances. */
  extensions?: readonly ExtensionSource[]
  /** A transport instead of the configured one (not started yet; the app starts and closes it). */
  orchestrator?: OrchestratorTransport
}

/** The core REST slices, in the order their routes are registered. */
const CORE_SLICES: readonly Slice[] = [
  versionRoutes,
  releaseRoutes,
  clusterRoutes,
  nodeGroupRoutes,
  nodeRoutes,
  taskRoutes,
  notificationRoutes,
  factsRoutes,
  traceRoutes,
  operationsRoutes,
  extensionRoutes,
  healthRoutes,
]

export async function createApp(config: Config, options: CreateAppOptions = {}): Promise<App> {
  const http = createHttpServer(config)
  let host: ExtensionHost | undefined
  const metrics = setupObservability(http, () => host?.routes.all() ?? [])
  const database = openDatabase(config.databaseUrl, config.dataDir)
  let orchestrator: OrchestratorTransport | undefined
  try {
    if (config.migrateOnStart) await migrateCore(database.db as never, database.dialect)
    await seedReleases(database.db)
    const extensions = await startExtensions({
      config,
      database,
      log: http.log,
      makeObjects: makeObjectsApi,
      discover: options.discoverExtensions,
      sources: options.extensions,
      failureThreshold: config.extensionFailureThreshold,
    })
    host = extensions
    guardCoreRoutes(http, extensions, config.skipBrokenExtensions)
    orchestrator = instrumentTransport(
      options.orchestrator ?? createTransport(transportConfigOf(config, http.log)),
      metrics,
    )
    const ctx: AppContext = { config, database, log: http.log, extensions, orchestrator, metrics }
    // Before any request or response: tasks a previous process left behind must not look alive.
    await recoverInterruptedTasks(ctx)
    await orchestrator.start((response) => applyResponse(ctx, response))
    const auth = await setupAuth(http, database, config)
    metricsRoute(http, metrics, auth, config.metricsPublic)
    mountApi(
      http,
      auth,
      CORE_SLICES.map((slice) => (api: FastifyInstance) => slice(api, ctx)),
    )
    // The web dashboard: its progress stream (token also accepted as ?token=) and its files at `/`.
    uiEventsRoutes(http, ctx, auth)
    uiStatic(http)
    await http.ready()
    const transport = orchestrator
    return { http, ctx, close: () => closeAll(http, transport, database.close) }
  } catch (error) {
    await orchestrator?.close()
    await database.close()
    throw error
  }
}

/** Requests in flight finish first (they may cast), then responses being applied, then the database. */
async function closeAll(http: FastifyInstance, orchestrator: OrchestratorTransport, closeDb: () => Promise<void>) {
  await http.close()
  await orchestrator.close()
  await closeDb()
}
