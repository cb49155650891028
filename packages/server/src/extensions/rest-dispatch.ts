/**
 * Serving extension REST handlers behind the same authentication and RBAC as core: wildcard
 * routes under each uri's literal prefix, registered inside the API plugin, hand requests to one
 * dispatcher. The router prefers static and parametric routes to wildcards, so a core route
 * always wins. Each request runs in its own transaction: committed on success, rolled back on error.
 * @module
 */
import {
  ExtensionError,
  HANDLER_METHODS,
  type HandlerRequest,
  type HandlerResponse,
  NailgunError,
} from '@nailgun/extensions'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../context.js'
import { errors } from '../errors.js'
import { API_PREFIXES } from '../http/api-routes.js'
import { observeExtensionCall } from '../observability/extension-calls.js'
import { TimeoutError, withTimeout } from './guard.js'
import type { RouteMatch } from './route-table.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A dispatcher route of the extension host (not a core route). */
    extensionRoute?: boolean
  }
}

type Handler = Record<string, ((request: HandlerRequest) => unknown) | undefined>

export function extensionDispatchRoutes(api: FastifyInstance, ctx: AppContext): void {
  const prefixes = new Set(ctx.extensions.routes.all().map((route) => route.prefix))
  for (const prefix of [...prefixes].sort()) {
    api.route({
      method: [...HANDLER_METHODS],
      url: `${prefix}*`,
      config: { extensionRoute: true },
      handler: (request, reply) => dispatch(request, reply, ctx),
    })
  }
}

/** The path after `/api/v1` or `/api`, without the query string. */
export function apiPath(url: string): string {
  const path = url.split('?')[0] ?? ''
  const prefix = [...API_PREFIXES]
    .sort((a, b) => b.length - a.length)
    .find((p) => path.startsWith(`${p}/`) || path === p)
  const rest = prefix ? path.slice(prefix.length) : path
  return safeDecode(rest === '' ? '/' : rest)
}

async function dispatch(request: FastifyRequest, reply: FastifyReply, ctx: AppContext): Promise<FastifyReply> {
  const found = ctx.extensions.routes.match(apiPath(request.url))
  if (!found) throw errors.routeNotFound(request.url)
  const method = request.method === 'HEAD' ? 'GET' : request.method
  if (!found.route.methods.includes(method)) {
    void reply.header('allow', found.route.methods.join(', '))
    throw errors.methodNotAllowed(request.method)
  }
  const timeoutMs = ctx.extensions.get(found.route.extension)?.extension.timeoutMs ?? Number.POSITIVE_INFINITY
  const clusterId = clusterIdOf(found.params)
  const result = await ctx.database.db.transaction().execute(async (trx) =>
    call(ctx.log, found, method, timeoutMs, {
      params: found.params,
      query: lastValues(request.query),
      body: request.body,
      headers: request.headers,
      user: request.user,
      ctx: await ctx.extensions.contextFor(found.route.extension, trx, clusterId),
    }),
  )
  return send(reply, result)
}

/**
 * Runs the handler within the extension's timeoutMs: a hung handler must not hold the request,
 * its transaction and (on SQLite) the only writer forever. Timing out answers 504 naming the
 * extension, and rejecting the transaction callback rolls back whatever the handler wrote.
 */
async function call(
  log: object,
  found: RouteMatch,
  method: string,
  timeoutMs: number,
  request: HandlerRequest,
): Promise<unknown> {
  const { route } = found
  const handler = (typeof route.handler === 'function' ? new route.handler() : route.handler) as unknown as Handler
  const stage = `${route.handlerName}.${method}`
  try {
    const run = () => withTimeout(() => handler[method]?.call(handler, request), timeoutMs)
    return await observeExtensionCall(log, route.extension, 'handler', stage, run)
  } catch (error) {
    if (error instanceof TimeoutError)
      throw new ExtensionError(route.extension, stage, errors.extensionTimeout(error.message))
    // Coded errors answer exactly as core's do; anything else is attributed to the extension.
    if (error instanceof NailgunError) throw error
    throw new ExtensionError(route.extension, stage, error)
  }
}

function send(reply: FastifyReply, result: unknown): FastifyReply {
  const explicit =
    (result as HandlerResponse | null)?.__nailgunResponse === true ? (result as HandlerResponse) : undefined
  const status = explicit?.status ?? 200
  const body = explicit ? explicit.body : result
  if (status === 204) return reply.status(204).send()
  return reply
    .status(status)
    .type('application/json')
    .send(JSON.stringify(body ?? null))
}

/** A `cluster_id` (or `cluster`) path parameter selects that environment's configuration. */
function clusterIdOf(params: Record<string, string>): number | null {
  const value = Number(params.cluster_id ?? params.cluster)
  return Number.isSafeInteger(value) && value > 0 ? value : null
}

function lastValues(query: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const last = Array.isArray(value) ? value.at(-1) : value
    if (last !== undefined) out[key] = String(last)
  }
  return out
}

function safeDecode(path: string): string {
  try {
    return decodeURI(path)
  } catch {
    return path
  }
}
