/**
 * The composition root: configuration → database → extensions → HTTP → orchestrator. The only
 * file that wires the parts together; nothing imports it but the CLI and the tests.
 */
import type { FastifyInstance } from 'fastify'
import { noAuth } from './auth/auth-service.js'
import type { Config } from './config.js'
import type { AppContext } from './context.js'
import { openDatabase } from './db/database.js'
import { migrateCore } from './db/migrate.js'
import { makeObjectsApi } from './domain/objects-api.js'
import { releaseRoutes, seedReleases } from './domain/release/index.js'
import { versionRoutes } from './domain/version/version-routes.js'
import { createExtensionHost } from './extensions/extension-host.js'
import { loadExtensions } from './extensions/load-extensions.js'
import { mountApi } from './http/api-routes.js'
import { createHttpServer } from './http/http-server.js'

export interface App {
  http: FastifyInstance
  ctx: AppContext
  close(): Promise<void>
}

type Slice = (api: FastifyInstance, ctx: AppContext) => void

/** The core REST slices, in the order their routes are registered. */
const CORE_SLICES: readonly Slice[] = [versionRoutes, releaseRoutes]

export async function createApp(config: Config): Promise<App> {
  const http = createHttpServer(config)
  const database = openDatabase(config.databaseUrl, config.dataDir)
  try {
    if (config.migrateOnStart) await migrateCore(database.db as never, database.dialect)
    await seedReleases(database.db)
    const loaded = await loadExtensions(config, http.log)
    const extensions = createExtensionHost({ extensions: loaded.extensions, makeObjects: makeObjectsApi, log: http.log })
    const ctx: AppContext = { config, database, log: http.log, extensions }
    mountApi(http, noAuth(), CORE_SLICES.map((slice) => (api: FastifyInstance) => slice(api, ctx)))
    await http.ready()
    return { http, ctx, close: () => closeAll(http, database.close) }
  } catch (error) {
    await database.close()
    throw error
  }
}

async function closeAll(http: FastifyInstance, closeDb: () => Promise<void>): Promise<void> {
  await http.close()
  await closeDb()
}
