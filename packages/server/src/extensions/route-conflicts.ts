/**
 * An extension cannot shadow a core route. The router already lets core win, but a uri that a core
 * route would answer instead is a bug the author must hear about at start-up, not from a user:
 * every core API route's sample paths (`/nodes/:obj_id` → `/nodes/1`, `/nodes/x`) are tried
 * against every extension uri once the server is ready.
 * @module
 */
import type { FastifyInstance } from 'fastify'
import { API_PREFIXES } from '../http/api-routes.js'
import type { ExtensionHost } from './extension-host.js'
import { loadError } from './load-errors.js'
import { matchRoute, samplePaths } from './url-patterns.js'

export interface RouteConflict {
  extension: string
  uri: string
  coreRoute: string
}

/** Records the core API routes as they are registered and checks them against extension uris on ready. */
export function guardCoreRoutes(http: FastifyInstance, host: ExtensionHost, skipBroken: boolean): void {
  const core = new Set<string>()
  http.addHook('onRoute', (route) => {
    if (route.config?.extensionRoute) return
    const prefix = [...API_PREFIXES].sort((a, b) => b.length - a.length).find((p) => route.url.startsWith(`${p}/`))
    if (prefix) core.add(route.url.slice(prefix.length))
  })
  http.addHook('onReady', async () => {
    for (const conflict of findConflicts([...core], host)) {
      const item = host.get(conflict.extension)
      if (!item) continue
      const cause = `uri '${conflict.uri}' overlaps the core route ${conflict.coreRoute} (core routes take precedence)`
      const error = loadError(item.origin, 'core-route', cause, { uri: conflict.uri, coreRoute: conflict.coreRoute })
      if (!skipBroken) throw error
      host.markFailed(conflict.extension, { error: error.message, code: error.code })
    }
  })
}

export function findConflicts(coreRoutes: readonly string[], host: ExtensionHost): RouteConflict[] {
  const conflicts: RouteConflict[] = []
  for (const route of host.routes.all()) {
    const coreRoute = coreRoutes.find((url) => samplePaths(url).some((path) => matchRoute(route, path)))
    if (coreRoute) conflicts.push({ extension: route.extension, uri: route.uri, coreRoute })
  }
  return conflicts
}
