/**
 * The extension system's REST surface, one slice of the API like core's: `GET /extensions`,
 * `/clusters/<id>/extensions`, and the dispatcher serving every extension's own `urls`.
 * Exposes the route table for tools that walk every route (`hasExtensionRoute`).
 * @module
 */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context.js'
import { extensionAdminRoutes } from './extension-admin-api.js'
import type { ExtensionHost } from './extension-host.js'
import { extensionsApiRoutes } from './extensions-api.js'
import { extensionDispatchRoutes } from './rest-dispatch.js'

export function extensionRoutes(api: FastifyInstance, ctx: AppContext): void {
  extensionsApiRoutes(api, ctx)
  extensionAdminRoutes(api, ctx)
  extensionDispatchRoutes(api, ctx)
}

/** Whether an installed extension serves `path` (the part after `/api` or `/api/v1`), for `method` if given. */
export function hasExtensionRoute(host: ExtensionHost, path: string, method?: string): boolean {
  return host.routes.has(path, method)
}

export { apiPath } from './rest-dispatch.js'
export { findConflicts, guardCoreRoutes } from './route-conflicts.js'
