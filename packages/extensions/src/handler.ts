/**
 * REST handlers an extension adds: `urls = [{ uri, handler }]`.
 * @module
 */
import type { ExtensionContext } from './context.js'
import type { Awaitable } from './events.js'

/** Who is calling. `null` on public routes or when authentication is off. */
export interface CallerIdentity {
  userId: string
  name: string
  roles: string[]
  isAdmin: boolean
}

/** What a handler method receives. */
export interface HandlerRequest<Params extends Record<string, string> = Record<string, string>> {
  /** The named groups of the `uri` regular expression. */
  params: Params
  /** Query string values (the last one when a key repeats). */
  query: Record<string, string>
  /** The parsed JSON body (undefined for GET/DELETE). */
  body: unknown
  headers: Record<string, string | string[] | undefined>
  user: CallerIdentity | null
  /** Database (in the request's transaction), objects API, logger and config. */
  ctx: ExtensionContext
}

/** A response with an explicit status, made by {@link respond}. */
export interface HandlerResponse {
  readonly __nailgunResponse: true
  status: number
  body: unknown
}

/**
 * Answer with a status other than 200.
 *
 * @example
 * ```ts
 * return respond(201, { id: 7 })
 * return respond(204)
 * ```
 */
export function respond(status: number, body?: unknown): HandlerResponse {
  return { __nailgunResponse: true, status, body: body ?? null }
}

/** A handler method: returns the JSON body (200) or a {@link respond} result. */
export type HandlerMethod = (request: HandlerRequest) => Awaitable<unknown>

/** HTTP methods a handler may implement. */
export const HANDLER_METHODS = Object.freeze(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const)

/**
 * Base class of an extension's REST handler. Implement the HTTP methods you serve; the others
 * answer 405. The host validates the JSON body, authenticates the caller and maps thrown
 * {@link NailgunError}s exactly as for core routes. Each request runs in one transaction.
 *
 * @example
 * ```ts
 * class NodeDisksHandler extends BaseHandler {
 *   async GET({ params, ctx }: HandlerRequest<{ node_id: string }>) {
 *     return ctx.db.selectFrom('volume_manager_node_volumes')
 *       .selectAll().where('node_id', '=', Number(params.node_id)).executeTakeFirst()
 *   }
 * }
 * ```
 */
export abstract class BaseHandler {
  GET?(request: HandlerRequest): Awaitable<unknown>
  POST?(request: HandlerRequest): Awaitable<unknown>
  PUT?(request: HandlerRequest): Awaitable<unknown>
  PATCH?(request: HandlerRequest): Awaitable<unknown>
  DELETE?(request: HandlerRequest): Awaitable<unknown>
}

/** One REST route of an extension. `uri` is a regular expression; Python's `(?P<name>...)` works. */
export interface UrlSpec {
  uri: string | RegExp
  handler: (new () => BaseHandler) | BaseHandler
}
