/** `/nodegroups` (GET `?cluster_id=`, POST) and `/nodegroups/<id>` (GET, PUT, DELETE → 204). */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'
import { errors } from '../../errors.js'
import { IdParams } from '../../http/schemas.js'
import { parseClusterIdFilter } from '../cluster/cluster-filter.js'
import { findNodeGroup, listNodeGroups } from './nodegroup-repo.js'
import {
  NodeGroupCreateBody,
  type NodeGroupCreateInput,
  NodeGroupListQuery,
  type NodeGroupListQueryInput,
  NodeGroupUpdateBody,
  type NodeGroupUpdateInput,
} from './nodegroup-schema.js'
import { serializeNodeGroup } from './nodegroup-serializer.js'
import { createNodeGroup, deleteNodeGroup, updateNodeGroup } from './nodegroup-service.js'

export function nodeGroupRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.get('/nodegroups', { schema: { querystring: NodeGroupListQuery } }, async (request) => {
    const query = request.query as NodeGroupListQueryInput
    const groups = await listNodeGroups(ctx.database.db, { clusterId: parseClusterIdFilter(query.cluster_id) })
    return groups.map(serializeNodeGroup)
  })

  api.post('/nodegroups', { schema: { body: NodeGroupCreateBody } }, async (request, reply) => {
    const group = await createNodeGroup(ctx, request.body as NodeGroupCreateInput)
    return reply.status(201).send(serializeNodeGroup(group))
  })

  api.get('/nodegroups/:obj_id', { schema: { params: IdParams } }, async (request) => {
    const { obj_id } = request.params as { obj_id: number }
    const group = await findNodeGroup(ctx.database.db, obj_id)
    if (!group) throw errors.objectNotFound('NodeGroup')
    return serializeNodeGroup(group)
  })

  api.put('/nodegroups/:obj_id', { schema: { params: IdParams, body: NodeGroupUpdateBody } }, async (request) => {
    const { obj_id } = request.params as { obj_id: number }
    return serializeNodeGroup(await updateNodeGroup(ctx, obj_id, request.body as NodeGroupUpdateInput))
  })

  api.delete('/nodegroups/:obj_id', { schema: { params: IdParams } }, async (request, reply) => {
    const { obj_id } = request.params as { obj_id: number }
    await deleteNodeGroup(ctx, obj_id)
    return reply.status(204).send()
  })
}
