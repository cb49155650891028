/**
 * `/nodes`, `/nodes/agent`, `/nodes/<id>`, `/nodes/allocation/stats` and
 * `/clusters/<id>/assignment|unassignment`. The two agent routes are public (agents have no token);
 * when `agentToken` is configured they require a matching `X-Agent-Token` instead.
 */
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import { errors } from '../../errors.js'
import { sendLargeJson } from '../../http/json-stream.js'
import { parseOrderBy, setContentRange } from '../../http/pagination.js'
import { ClusterIdParams, IdParams } from '../../http/schemas.js'
import { agentCheckIn } from './node-agent.js'
import { assignNodes, unassignNodes } from './node-assignment.js'
import { HeartbeatBatcher } from './node-heartbeats.js'
import { NODE_ORDER_FIELDS } from './node-query.js'
import { registerNode } from './node-register.js'
import { allocationStats, findNode } from './node-repo.js'
import {
  AgentUpdateBody,
  type AgentUpdateInput,
  AssignmentBody,
  type AssignmentInput,
  type NodeBulkItemInput,
  NodeBulkUpdateBody,
  NodeCreateBody,
  type NodeCreateInput,
  NodeListQuery,
  type NodeListQueryInput,
  NodeUpdateBody,
  type NodeUpdateInput,
  UnassignmentBody,
  type UnassignmentInput,
} from './node-schema.js'
import { nodeJsonWithStoredMeta, serializeNode } from './node-serializer.js'
import { listNodePage, updateManyNodes, updateOneNode } from './node-service.js'

/** `?cluster_id=`: a number, or empty / `null` / `None` for unassigned nodes (as Nailgun). */
export function parseClusterFilter(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (text === '' || /^(null|none)$/i.test(text)) return null
  if (!/^\d{1,10}$/.test(text)) throw errors.validation('querystring/cluster_id: must be an environment id or empty')
  return Number(text)
}

function agentGuard(ctx: AppContext) {
  const expected = ctx.config.agentToken
  return async (request: FastifyRequest) => {
    if (!expected) return
    const given = request.headers['x-agent-token']
    const ok = typeof given === 'string' && given.length === expected.length
    if (!ok || !timingSafeEqual(Buffer.from(given), Buffer.from(expected)))
      throw errors.unauthorized('Agent token required')
  }
}

/** Assignment answers 200 with a JSON `null` body, like Nailgun's empty handler result. */
function sendNull(reply: FastifyReply): FastifyReply {
  return reply.status(200).type('application/json').send('null')
}

function agentRoutes(api: FastifyInstance, ctx: AppContext): void {
  const agent = { config: { public: true }, onRequest: agentGuard(ctx) }
  const heartbeats = new HeartbeatBatcher(ctx.database.db)

  api.post('/nodes', { ...agent, schema: { body: NodeCreateBody } }, async (request, reply) => {
    const node = await registerNode(ctx, request.body as NodeCreateInput)
    return reply.status(201).send(serializeNode(node))
  })

  api.put('/nodes/agent', { ...agent, schema: { body: AgentUpdateBody } }, async (request) => {
    const body = request.body as AgentUpdateInput | AgentUpdateInput[]
    return agentCheckIn(ctx, heartbeats, Array.isArray(body) ? (body[0] as AgentUpdateInput) : body)
  })
}

function collectionRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.get('/nodes', { schema: { querystring: NodeListQuery } }, async (request, reply) => {
    const query = request.query as NodeListQueryInput
    const order = parseOrderBy(query.order_by, NODE_ORDER_FIELDS)
    const filter = { clusterId: parseClusterFilter(query.cluster_id) }
    const page = await listNodePage(ctx, filter, { limit: query.limit, offset: query.offset, order })
    setContentRange(reply, query.offset ?? 0, page.rows.length, page.total)
    return sendLargeJson(request, reply, page.rows.map(nodeJsonWithStoredMeta))
  })

  api.put('/nodes', { schema: { body: NodeBulkUpdateBody } }, async (request) => {
    const nodes = await updateManyNodes(ctx, request.body as NodeBulkItemInput[])
    return nodes.map(serializeNode)
  })

  api.get('/nodes/allocation/stats', async () => allocationStats(ctx.database.db))
}

function singleRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.get('/nodes/:obj_id', { schema: { params: IdParams } }, async (request) => {
    const { obj_id } = request.params as { obj_id: number }
    const node = await findNode(ctx.database.db, obj_id)
    if (!node) throw errors.objectNotFound('Node')
    return serializeNode(node)
  })

  api.put('/nodes/:obj_id', { schema: { params: IdParams, body: NodeUpdateBody } }, async (request) => {
    const { obj_id } = request.params as { obj_id: number }
    return serializeNode(await updateOneNode(ctx, obj_id, request.body as NodeUpdateInput))
  })
}

function assignmentRoutes(api: FastifyInstance, ctx: AppContext): void {
  const params = ClusterIdParams
  api.post('/clusters/:cluster_id/assignment', { schema: { params, body: AssignmentBody } }, async (request, reply) => {
    const { cluster_id } = request.params as { cluster_id: number }
    await assignNodes(ctx, cluster_id, request.body as AssignmentInput)
    return sendNull(reply)
  })

  api.post(
    '/clusters/:cluster_id/unassignment',
    { schema: { params, body: UnassignmentBody } },
    async (request, reply) => {
      const { cluster_id } = request.params as { cluster_id: number }
      await unassignNodes(ctx, cluster_id, request.body as UnassignmentInput)
      return sendNull(reply)
    },
  )
}

export function nodeRoutes(api: FastifyInstance, ctx: AppContext): void {
  agentRoutes(api, ctx)
  collectionRoutes(api, ctx)
  singleRoutes(api, ctx)
  assignmentRoutes(api, ctx)
}
