/**
 * `/clusters/<id>/orchestrator/{deployment,provisioning}` (replaced facts: GET, PUT, DELETE) and
 * their `/defaults` (the generated facts). Request bodies are any JSON, as Nailgun's
 * BasicValidator; their shape is checked when they are split for storage.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { AppContext } from '../context.js'
import { sendLargeJson } from '../http/json-stream.js'
import { ClusterIdParams, parseIdList } from '../http/schemas.js'
import { defaultDeploymentFacts, defaultProvisioningFacts } from './facts-defaults.js'
import { clearReplaced, type FactsKind, readReplaced, replaceFacts } from './replaced-info.js'

const FactsQuery = Type.Object({
  nodes: Type.Optional(Type.String({ maxLength: 100_000 })),
  split: Type.Optional(Type.String({ maxLength: 10 })),
})

interface FactsQueryInput {
  nodes?: string
  split?: string
}

/** `?split=1` / `true` / `yes`; `0`, `false` or empty mean no. */
export function isSplit(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim())
}

function clusterIdOf(request: FastifyRequest): number {
  return (request.params as { cluster_id: number }).cluster_id
}

function replacedRoutes(api: FastifyInstance, ctx: AppContext, kind: FactsKind): void {
  const path = `/clusters/:cluster_id/orchestrator/${kind}`
  const schema = { params: ClusterIdParams, querystring: FactsQuery }
  api.get(path, { schema }, async (request) => {
    const { split } = request.query as FactsQueryInput
    return readReplaced(ctx, clusterIdOf(request), kind, isSplit(split))
  })
  api.put(path, { schema: { params: ClusterIdParams } }, async (request) => {
    await replaceFacts(ctx, clusterIdOf(request), kind, request.body)
    return request.body
  })
  api.delete(path, { schema: { params: ClusterIdParams } }, async (request, reply) => {
    await clearReplaced(ctx, clusterIdOf(request), kind)
    return reply.status(202).send({})
  })
}

function defaultsRoutes(api: FastifyInstance, ctx: AppContext): void {
  const schema = { params: ClusterIdParams, querystring: FactsQuery }
  const queryOf = (request: FastifyRequest) => {
    const query = request.query as FactsQueryInput
    // An empty `?nodes=` means no filter, as in Nailgun.
    const ids = parseIdList(query.nodes)
    return { clusterId: clusterIdOf(request), nodeIds: ids?.length ? ids : undefined, split: isSplit(query.split) }
  }
  // Tens of megabytes for a big environment: streamed (http/json-stream.ts).
  api.get('/clusters/:cluster_id/orchestrator/deployment/defaults', { schema }, async (request, reply) =>
    sendLargeJson(request, reply, await defaultDeploymentFacts(ctx, queryOf(request))),
  )
  api.get('/clusters/:cluster_id/orchestrator/provisioning/defaults', { schema }, async (request, reply) =>
    sendLargeJson(request, reply, await defaultProvisioningFacts(ctx, queryOf(request))),
  )
}

export function factsRoutes(api: FastifyInstance, ctx: AppContext): void {
  replacedRoutes(api, ctx, 'deployment')
  replacedRoutes(api, ctx, 'provisioning')
  defaultsRoutes(api, ctx)
}
