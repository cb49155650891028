/**
 * `GET /extensions` and `GET/PUT/DELETE /clusters/<cluster_id>/extensions`, as Nailgun served
 * them, except that enabling keeps the order (existing names first, then the new ones as given),
 * because that order is the pipelines' order and Nailgun's set-based update scrambled it.
 * @module
 */
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { AppContext } from '../context.js'
import { lockCluster, updateCluster } from '../domain/cluster/cluster-repo.js'
import { errors } from '../errors.js'
import { ClusterIdParams } from '../http/schemas.js'
import { describeWithState } from './extension-admin-api.js'

type Params = { cluster_id: number }

const DeleteQuery = Type.Object({ extension_names: Type.Optional(Type.String()) })

export function extensionsApiRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.get('/extensions', async () => describeWithState(ctx))

  api.get('/clusters/:cluster_id/extensions', { schema: { params: ClusterIdParams } }, async (request) => {
    const { cluster_id } = request.params as Params
    return changeExtensions(ctx, cluster_id, (current) => current)
  })

  api.put('/clusters/:cluster_id/extensions', { schema: { params: ClusterIdParams } }, async (request) => {
    const { cluster_id } = request.params as Params
    const names = namesFromBody(request.body)
    const installed = new Set(ctx.extensions.installedNames())
    const unknown = [...new Set(names.filter((name) => !installed.has(name)))]
    if (unknown.length > 0) throw errors.noSuchExtensions(unknown)
    return changeExtensions(ctx, cluster_id, (current) => [...new Set([...current, ...names])])
  })

  api.delete(
    '/clusters/:cluster_id/extensions',
    { schema: { params: ClusterIdParams, querystring: DeleteQuery } },
    async (request, reply) => {
      const { cluster_id } = request.params as Params
      const { extension_names } = request.query as { extension_names?: string }
      const names = new Set(
        (extension_names ?? '')
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n !== ''),
      )
      await changeExtensions(ctx, cluster_id, (current) => {
        const notEnabled = [...names].filter((name) => !current.includes(name))
        if (notEnabled.length > 0) throw errors.noSuchExtensionsToDisable(notEnabled)
        return current.filter((name) => !names.has(name))
      })
      return reply.status(204).send()
    },
  )
}

/** Reads the environment's list under a row lock, applies `change`, stores it when it differs. */
async function changeExtensions(
  ctx: AppContext,
  id: number,
  change: (current: string[]) => string[],
): Promise<string[]> {
  const { db, dialect } = ctx.database
  return db.transaction().execute(async (trx) => {
    const cluster = await lockCluster(trx, dialect, id)
    if (!cluster) throw errors.objectNotFound('Cluster')
    const next = change(cluster.extensions)
    if (next.length === cluster.extensions.length && next.every((n, i) => n === cluster.extensions[i])) return next
    return (await updateCluster(trx, id, { extensions: next })).extensions
  })
}

/** The body must be a JSON list of names (Nailgun turned a string into a set of its characters). */
function namesFromBody(body: unknown): string[] {
  if (!Array.isArray(body) || body.some((name) => typeof name !== 'string')) {
    throw errors.invalidData('Expected a JSON list of extension names')
  }
  return body as string[]
}
