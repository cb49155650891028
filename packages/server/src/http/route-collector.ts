/**
 * Every route the server registers, as `method url` rows, so tools and tests can walk the whole
 * API — core slices, keystone and the extension dispatchers — and a new route cannot escape the
 * checks the walks make (authentication, input validation, no 5xx).
 * @module
 */
import type { FastifyInstance } from 'fastify'

export interface CollectedRoute {
  method: string
  /** The path with `:param` and `*` placeholders, prefix included. */
  url: string
  /** Reachable without a token (the agent routes). */
  public: boolean
  /** An extension host dispatcher: the concrete paths come from the extension route table. */
  extensionRoute: boolean
  /** Answers a never-ending `text/event-stream`: a walker must not wait for its end. */
  eventStream: boolean
  /** Whether the route declared a schema for its body, query string or path parameters. */
  schema: { body: boolean; querystring: boolean; params: boolean }
}

const collected = new WeakMap<FastifyInstance, CollectedRoute[]>()

/** Starts recording routes; call before any route is added. */
export function collectRoutes(app: FastifyInstance): void {
  const routes: CollectedRoute[] = []
  collected.set(app, routes)
  app.addHook('onRoute', (options) => {
    const methods = Array.isArray(options.method) ? options.method : [options.method]
    const config = (options.config ?? {}) as { public?: boolean; extensionRoute?: boolean; eventStream?: boolean }
    const schema = options.schema ?? {}
    for (const method of methods) {
      routes.push({
        method: String(method).toUpperCase(),
        url: options.url,
        public: config.public === true,
        extensionRoute: config.extensionRoute === true,
        eventStream: config.eventStream === true,
        schema: { body: !!schema.body, querystring: !!schema.querystring, params: !!schema.params },
      })
    }
  })
}

/** The routes recorded on `app` (HEAD routes Fastify adds for GETs included). */
export function routesOf(app: FastifyInstance): readonly CollectedRoute[] {
  return collected.get(app) ?? []
}
