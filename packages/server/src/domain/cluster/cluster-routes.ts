/**
 * `/clusters` (GET paged, `?release_id=&status=`; POST → 201) and `/clusters/<id>` (GET, PUT).
 * `DELETE /clusters/<id>` is task-based and lives with the deletion task.
 */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'
import { errors } from '../../errors.js'
import { parseOrderBy, setContentRange } from '../../http/pagination.js'
import { IdParams } from '../../http/schemas.js'
import { attributeRoutes } from './attributes-routes.js'
import { CLUSTER_ORDER_FIELDS, countClusters, listClusters } from './cluster-query.js'
import { findCluster } from './cluster-repo.js'
import {
  ClusterCreateBody,
  type ClusterCreateInput,
  ClusterListQuery,
  type ClusterListQueryInput,
  ClusterUpdateBody,
  type ClusterUpdateInput,
} from './cluster-schema.js'
import { serializeCluster } from './cluster-serializer.js'
import { createCluster, updateClusterFields } from './cluster-service.js'

function collectionRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.get('/clusters', { schema: { querystring: ClusterListQuery } }, async (request, reply) => {
    const query = request.query as ClusterListQueryInput
    const { db } = ctx.database
    const order = parseOrderBy(query.order_by, CLUSTER_ORDER_FIELDS)
    const filter = { releaseId: query.release_id, status: query.status }
    const total = await countClusters(db, filter)
    const offset = query.offset ?? 0
    if (offset > 0 && offset >= total)
      throw errors.rangeNotSatisfiable(`Offset ${offset} is beyond the ${total} objects`)
    const clusters = await listClusters(db, filter, { limit: query.limit, offset, order })
    setContentRange(reply, offset, clusters.length, total)
    return clusters.map(serializeCluster)
  })

  api.post('/clusters', { schema: { body: ClusterCreateBody } }, async (request, reply) => {
    const cluster = await createCluster(ctx, request.body as ClusterCreateInput)
    return reply.status(201).send(serializeCluster(cluster))
  })
}

function singleRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.get('/clusters/:obj_id', { schema: { params: IdParams } }, async (request) => {
    const { obj_id } = request.params as { obj_id: number }
    const cluster = await findCluster(ctx.database.db, obj_id)
    if (!cluster) throw errors.objectNotFound('Cluster')
    return serializeCluster(cluster)
  })

  api.put('/clusters/:obj_id', { schema: { params: IdParams, body: ClusterUpdateBody } }, async (request) => {
    const { obj_id } = request.params as { obj_id: number }
    return serializeCluster(await updateClusterFields(ctx, obj_id, request.body as ClusterUpdateInput))
  })
}

export function clusterRoutes(api: FastifyInstance, ctx: AppContext): void {
  collectionRoutes(api, ctx)
  singleRoutes(api, ctx)
  attributeRoutes(api, ctx)
}
