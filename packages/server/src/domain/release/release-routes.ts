/** `/releases` and `/releases/<id>`. */
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { AppContext } from '../../context.js'
import { errors } from '../../errors.js'
import { type PageRequest, PaginationQuery, paginate } from '../../http/pagination.js'
import { IdParams } from '../../http/schemas.js'
import { findRelease, listReleases } from './release-repo.js'
import { serializeRelease } from './release-serializer.js'

export function releaseRoutes(api: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx.database

  api.get('/releases', { schema: { querystring: Type.Object(PaginationQuery) } }, async (request, reply) => {
    const releases = await listReleases(db)
    return paginate(releases, request.query as PageRequest, reply).map(serializeRelease)
  })

  api.get('/releases/:obj_id', { schema: { params: IdParams } }, async (request) => {
    const { obj_id } = request.params as { obj_id: number }
    const release = await findRelease(db, obj_id)
    if (!release) throw errors.objectNotFound('Release')
    return serializeRelease(release)
  })
}
