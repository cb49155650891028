/**
 * `GET /clusters/<id>/orchestrator/{deployment,provisioning}/trace` (the facts `/defaults` would
 * return, explained), `GET /tasks/<id>/trace` and `GET /transactions/<id>/trace` (what a real
 * provisioning or deployment task sent, explained). `?blame=<JSON pointer>` answers for one field;
 * `?facts=1` adds the final facts to the whole report.
 * @module
 */
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { AppContext } from '../../context.js'
import { isSplit } from '../../deployment/facts-routes.js'
import { ClusterIdParams, IdParams, parseIdList } from '../../http/schemas.js'
import { blameOne, traceReport } from './trace-report.js'
import { type FactsKind, type Traced, taskTrace, traceClusterFacts } from './trace-service.js'

const TraceQuery = Type.Object({
  nodes: Type.Optional(Type.String({ maxLength: 100_000 })),
  blame: Type.Optional(Type.String({ maxLength: 10_000 })),
  facts: Type.Optional(Type.String({ maxLength: 10 })),
})

interface TraceQueryInput {
  nodes?: string
  blame?: string
  facts?: string
}

function answer({ trace, facts }: Traced, query: TraceQueryInput) {
  if (query.blame !== undefined) return blameOne(trace, facts, query.blame)
  return traceReport(trace, facts, isSplit(query.facts))
}

export function traceRoutes(api: FastifyInstance, ctx: AppContext): void {
  for (const kind of ['deployment', 'provisioning'] as FactsKind[]) {
    const schema = { params: ClusterIdParams, querystring: TraceQuery }
    api.get(`/clusters/:cluster_id/orchestrator/${kind}/trace`, { schema }, async (request) => {
      const query = request.query as TraceQueryInput
      const ids = parseIdList(query.nodes)
      const { cluster_id } = request.params as { cluster_id: number }
      return answer(await traceClusterFacts(ctx, cluster_id, kind, ids?.length ? ids : undefined), query)
    })
  }
  for (const [path, objectName] of [
    ['/tasks', 'Task'],
    ['/transactions', 'Transaction'],
  ] as const) {
    const schema = { params: IdParams, querystring: TraceQuery }
    api.get(`${path}/:obj_id/trace`, { schema }, async (request) => {
      const { obj_id } = request.params as { obj_id: number }
      return answer(await taskTrace(ctx, obj_id, objectName), request.query as TraceQueryInput)
    })
  }
}
