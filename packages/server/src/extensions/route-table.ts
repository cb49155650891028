/**
 * The REST routes of the installed extensions, looked up per request. Reading the live list means
 * an extension taken out of service (markFailed) stops answering at once.
 * @module
 */

import type { InstalledExtension } from './types.js'
import { type ExtensionRoute, matchRoute } from './url-patterns.js'

export interface RouteMatch {
  route: ExtensionRoute
  /** The uri's named groups. */
  params: Record<string, string>
}

export interface ExtensionRouteTable {
  /** Every route, in extension order. */
  all(): ExtensionRoute[]
  /** The first route serving `path` (after `/api` or `/api/v1`). */
  match(path: string): RouteMatch | undefined
  /** Whether an extension serves `path` (and `method`, when given). */
  has(path: string, method?: string): boolean
}

export function createRouteTable(installed: () => readonly InstalledExtension[]): ExtensionRouteTable {
  const all = () => installed().flatMap((i) => i.routes)
  const match = (path: string): RouteMatch | undefined => {
    for (const route of all()) {
      const params = matchRoute(route, path)
      if (params) return { route, params }
    }
    return undefined
  }
  return {
    all,
    match,
    has: (path, method) => {
      const found = match(path)
      return found !== undefined && (method === undefined || found.route.methods.includes(method.toUpperCase()))
    },
  }
}
