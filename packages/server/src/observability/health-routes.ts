/**
 * `GET /health` (public, for load balancers and probes): the database answers a trivial query, the
 * orchestrator transport reports itself healthy, and no extension failed to load. 200 when all
 * are ok, 503 with the same body otherwise.
 * @module
 */
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { Type } from 'typebox'
import type { AppContext } from '../context.js'

const Check = Type.Object({
  ok: Type.Boolean(),
  duration_ms: Type.Optional(Type.Number()),
  detail: Type.Optional(Type.String()),
})

export const HealthBody = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('down')]),
  database: Check,
  broker: Type.Object({
    ok: Type.Boolean(),
    kind: Type.String(),
    duration_ms: Type.Optional(Type.Number()),
    detail: Type.Optional(Type.String()),
  }),
  extensions: Type.Object({
    ok: Type.Boolean(),
    loaded: Type.Integer(),
    failed: Type.Integer(),
    failed_names: Type.Array(Type.String()),
  }),
})

export function healthRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.get(
    '/health',
    {
      config: { public: true },
      schema: {
        summary: 'Health of the database, the orchestrator broker and the extensions',
        response: { 200: HealthBody, 503: HealthBody },
      },
    },
    async (_request, reply) => {
      const body = await checkHealth(ctx)
      return reply.status(body.status === 'ok' ? 200 : 503).send(body)
    },
  )
}

export async function checkHealth(ctx: AppContext) {
  const [database, broker] = await Promise.all([checkDatabase(ctx), checkBroker(ctx)])
  const failedNames = ctx.extensions.failed.map((f) => f.name ?? f.origin.entry)
  const extensions = {
    ok: failedNames.length === 0,
    loaded: ctx.extensions.installed.length,
    failed: failedNames.length,
    failed_names: failedNames,
  }
  const ok = database.ok && broker.ok && extensions.ok
  return { status: ok ? ('ok' as const) : ('down' as const), database, broker, extensions }
}

async function checkDatabase(ctx: AppContext) {
  const started = performance.now()
  try {
    await sql`select 1`.execute(ctx.database.db)
    return { ok: true, duration_ms: round(performance.now() - started) }
  } catch (error) {
    return { ok: false, duration_ms: round(performance.now() - started), detail: messageOf(error) }
  }
}

async function checkBroker(ctx: AppContext) {
  const started = performance.now()
  try {
    const health = await ctx.orchestrator.health()
    return {
      ok: health.ok,
      kind: ctx.orchestrator.kind,
      duration_ms: round(performance.now() - started),
      ...(health.detail ? { detail: health.detail } : {}),
    }
  } catch (error) {
    return { ok: false, kind: ctx.orchestrator.kind, detail: messageOf(error) }
  }
}

const round = (ms: number) => Math.round(ms * 1000) / 1000
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))
