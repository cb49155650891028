/** `/clusters/<id>/attributes` (GET, PUT, PATCH) and `/clusters/<id>/attributes/defaults` (GET). */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'
import { ClusterIdParams } from '../../http/schemas.js'
import { defaultAttributes, patchAttributes, readAttributes } from './attributes-service.js'
import { AttributesBody, type AttributesInput } from './cluster-schema.js'

export function attributeRoutes(api: FastifyInstance, ctx: AppContext): void {
  const clusterId = (params: unknown) => (params as { cluster_id: number }).cluster_id

  api.get('/clusters/:cluster_id/attributes', { schema: { params: ClusterIdParams } }, async (request) =>
    readAttributes(ctx, clusterId(request.params)),
  )

  // Nailgun's PUT is its PATCH: both merge into the current settings.
  const patch = { schema: { params: ClusterIdParams, body: AttributesBody } }
  api.put('/clusters/:cluster_id/attributes', patch, async (request) =>
    patchAttributes(ctx, clusterId(request.params), request.body as AttributesInput),
  )
  api.patch('/clusters/:cluster_id/attributes', patch, async (request) =>
    patchAttributes(ctx, clusterId(request.params), request.body as AttributesInput),
  )

  api.get('/clusters/:cluster_id/attributes/defaults', { schema: { params: ClusterIdParams } }, async (request) =>
    defaultAttributes(ctx, clusterId(request.params)),
  )
}
