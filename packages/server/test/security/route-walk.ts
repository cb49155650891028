/**
 * The whole route table as concrete requests: every core route (from the route collector), and
 * for the extension dispatchers every route of every installed extension plus a path no extension
 * serves. Walking this list is how the auth and fuzz suites cover routes added later.
 */
import type { App } from '@nailgun/server'
import { routesOf } from '../../src/http/route-collector.js'

export interface WalkedRoute {
  method: string
  /** The route as registered (`/api/nodes/:obj_id`) or, for extensions, the uri. */
  pattern: string
  /** A concrete path with every parameter set to `param`. */
  path: string
  public: boolean
  extension: string | null
  /** A never-ending event stream once authorized (see route-collector). */
  eventStream: boolean
}

/** `(?P<name>…)`/`(?<name>…)` groups of an extension uri filled with `param`, anchors dropped. */
function extensionPath(uri: string, param: string): string {
  return uri
    .replaceAll('\\/', '/')
    .replace(/\(\?P?<\w+>(?:[^()]|\([^()]*\))*\)/g, param)
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\/\?$/, '')
}

export function walkRoutes(app: App, param = '1'): WalkedRoute[] {
  const out: WalkedRoute[] = []
  for (const route of routesOf(app.http)) {
    if (!route.extensionRoute) {
      const path = route.url.replace(/:\w+/g, param)
      out.push({
        method: route.method,
        pattern: route.url,
        path,
        public: route.public,
        extension: null,
        eventStream: route.eventStream,
      })
      continue
    }
    const apiPrefix = route.url.startsWith('/api/v1/') ? '/api/v1' : '/api'
    const dispatcherPrefix = route.url.slice(apiPrefix.length, -1)
    for (const ext of app.ctx.extensions.routes.all()) {
      if (ext.prefix !== dispatcherPrefix) continue
      if (!ext.methods.includes(route.method) && !(route.method === 'HEAD' && ext.methods.includes('GET'))) continue
      const path = `${apiPrefix}${extensionPath(ext.uri, param)}`
      out.push({
        method: route.method,
        pattern: ext.uri,
        path,
        public: false,
        extension: ext.extension,
        eventStream: false,
      })
    }
    // A path under the dispatcher's prefix that no extension serves: still behind auth.
    const path = `${apiPrefix}${dispatcherPrefix}no-such-extension-route`
    out.push({ method: route.method, pattern: route.url, path, public: false, extension: '(none)', eventStream: false })
  }
  return out
}
