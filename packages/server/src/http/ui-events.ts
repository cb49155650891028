/**
 * `GET /api[/v1]/clusters/<id>/events`: a server-sent events stream of an environment's progress
 * for the web dashboard. EventSource cannot send headers, so this route alone also accepts the
 * token as `?token=` (the X-Auth-Token header still works). Each open stream polls the database
 * every `intervalMs` and sends a `state` event when the snapshot changed: polling the database,
 * rather than hooking the receiver, sees progress written by any server process sharing it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AuthService } from '../auth/auth-service.js'
import type { AppContext } from '../context.js'
import { findCluster } from '../domain/cluster/cluster-repo.js'
import { serializeCluster } from '../domain/cluster/cluster-serializer.js'
import { listNodes } from '../domain/node/node-query.js'
import { displayStatus } from '../domain/node/node-serializer.js'
import { listTasks } from '../domain/task/task-query.js'
import { serializeTask } from '../domain/task/task-serializer.js'
import { errors } from '../errors.js'
import { API_PREFIXES } from './api-routes.js'
import { ClusterIdParams } from './schemas.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answers `text/event-stream`: content negotiation leaves it alone. */
    eventStream?: boolean
  }
}

export interface UiEventsOptions {
  /** Delay between two database reads of one stream (ms). Default 500. */
  intervalMs?: number
  /** A comment line keeps proxies from closing an idle stream (ms). Default 15 s. */
  heartbeatMs?: number
}

/** What one `state` event carries: enough to redraw progress without another request. */
export async function clusterSnapshot(ctx: AppContext, clusterId: number) {
  const { db } = ctx.database
  const cluster = await findCluster(db, clusterId)
  if (!cluster) return undefined
  const nodes = await listNodes(db, { clusterId })
  const tasks = await listTasks(db, { clusterId })
  return {
    cluster: serializeCluster(cluster),
    nodes: nodes.map((n) => ({
      id: n.id,
      name: n.name,
      status: displayStatus(n),
      progress: n.progress,
      roles: n.roles,
      pending_roles: n.pendingRoles,
      pending_addition: n.pendingAddition,
      pending_deletion: n.pendingDeletion,
      online: n.online,
      error_type: n.errorType,
    })),
    tasks: tasks.map(serializeTask),
  }
}

export function uiEventsRoutes(
  http: FastifyInstance,
  ctx: AppContext,
  auth: AuthService,
  options: UiEventsOptions = {},
) {
  const open = new Set<() => void>()
  // A stream never ends by itself: close them first, or http.close() would wait for the browsers.
  http.addHook('preClose', async () => {
    for (const end of [...open]) end()
  })
  for (const prefix of API_PREFIXES) {
    http.get(
      `${prefix}/clusters/:cluster_id/events`,
      { schema: { params: ClusterIdParams }, config: { eventStream: true } },
      async (request, reply) => {
        await authenticate(request, auth)
        const { cluster_id } = request.params as { cluster_id: number }
        if (!(await findCluster(ctx.database.db, cluster_id))) throw errors.objectNotFound('Cluster')
        stream(ctx, cluster_id, reply, open, options)
      },
    )
  }
}

async function authenticate(request: FastifyRequest, auth: AuthService): Promise<void> {
  const header = request.headers['x-auth-token']
  const query = (request.query as { token?: unknown }).token
  const token = typeof header === 'string' && header !== '' ? header : typeof query === 'string' ? query : ''
  const identity = token !== '' ? await auth.identify(token) : auth.required ? undefined : await auth.identify('')
  if (!identity) throw errors.unauthorized()
}

function stream(ctx: AppContext, clusterId: number, reply: FastifyReply, open: Set<() => void>, o: UiEventsOptions) {
  reply.hijack()
  const raw = reply.raw
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  })
  raw.write('retry: 2000\n\n')
  let last = ''
  let busy = false
  const tick = async () => {
    if (busy) return
    busy = true
    try {
      const snapshot = await clusterSnapshot(ctx, clusterId)
      if (!snapshot) {
        raw.write('event: gone\ndata: {}\n\n')
        end()
        return
      }
      const text = JSON.stringify(snapshot)
      if (text !== last) raw.write(`event: state\ndata: ${text}\n\n`)
      last = text
    } catch (error) {
      ctx.log.warn({ err: error, clusterId }, 'events stream: reading the environment failed')
    } finally {
      busy = false
    }
  }
  const timer = setInterval(tick, o.intervalMs ?? 500)
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), o.heartbeatMs ?? 15_000)
  const end = () => {
    clearInterval(timer)
    clearInterval(heartbeat)
    open.delete(end)
    if (!raw.writableEnded) raw.end()
  }
  open.add(end)
  raw.on('close', end)
  void tick()
}
