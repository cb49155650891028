/**
 * The operator's side of the extension system: clearing a degraded extension
 * (`POST /extensions/<name>/reset`) and each extension's configuration, global
 * (`GET/PUT /extensions/<name>/config`) and per environment
 * (`GET/PUT /clusters/<cluster_id>/extensions/<name>/config`). Writes need the admin role, as
 * every non-GET route does. Configuration answers leave write-only (secret) properties out.
 * @module
 */
import type { BaseExtension, JsonObject } from '@nailgun/extensions'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { Type } from 'typebox'
import type { AppContext } from '../context.js'
import { findCluster } from '../domain/cluster/cluster-repo.js'
import { errors } from '../errors.js'
import { type ConfigScope, effectiveConfig, masked, writeConfig } from './extension-config.js'
import type { ExtensionStatus } from './types.js'

const NameParams = Type.Object({ name: Type.String({ maxLength: 64 }) })
const ClusterNameParams = Type.Object({
  cluster_id: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  name: Type.String({ maxLength: 64 }),
})

type Params = { name: string; cluster_id?: number }

export function extensionAdminRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.post('/extensions/:name/reset', { schema: { params: NameParams } }, async (request) => {
    const { name } = request.params as Params
    const extension = installed(ctx, name)
    await ctx.extensions.faults?.reset(extension.name)
    ctx.log.info({ extension: name }, `Extension ${name} reset by an operator: back to loaded`)
    return (await describeWithState(ctx)).find((s) => s.name === name)
  })

  api.get('/extensions/:name/config', { schema: { params: NameParams } }, async (request) => {
    const extension = installed(ctx, (request.params as Params).name)
    return shown(ctx, extension, null)
  })
  api.put('/extensions/:name/config', { schema: { params: NameParams } }, async (request) => {
    const extension = installed(ctx, (request.params as Params).name)
    return update(ctx, extension, null, request.body)
  })

  api.get(
    '/clusters/:cluster_id/extensions/:name/config',
    { schema: { params: ClusterNameParams } },
    async (request) => {
      const { name, cluster_id } = request.params as Params
      const extension = installed(ctx, name)
      await existingCluster(ctx, cluster_id as number)
      return shown(ctx, extension, cluster_id as number)
    },
  )
  api.put(
    '/clusters/:cluster_id/extensions/:name/config',
    { schema: { params: ClusterNameParams } },
    async (request) => {
      const { name, cluster_id } = request.params as Params
      const extension = installed(ctx, name)
      await existingCluster(ctx, cluster_id as number)
      return update(ctx, extension, cluster_id as number, request.body)
    },
  )
}

/** `GET /extensions` with the fault policy's view: `degraded`, the failure count, the last error. */
export async function describeWithState(ctx: AppContext): Promise<ExtensionStatus[]> {
  const list = ctx.extensions.describe()
  const states = (await ctx.extensions.faults?.states()) ?? new Map()
  return list.map((item) => {
    const state = item.status === 'loaded' ? states.get(item.name) : undefined
    if (!state || (state.status !== 'degraded' && state.failure_count === 0)) return item
    return {
      ...item,
      status: state.status === 'degraded' ? 'degraded' : item.status,
      failures: state.failure_count,
      last_error: state.last_error,
      last_failed_stage: state.last_stage,
    }
  })
}

function installed(ctx: AppContext, name: string): BaseExtension {
  const found = ctx.extensions.get(name)
  if (!found) throw errors.extensionNotFound(`Extension '${name}' is not installed`)
  return found.extension
}

async function existingCluster(ctx: AppContext, id: number): Promise<void> {
  if (!(await findCluster(ctx.database.db, id))) throw errors.objectNotFound('Cluster')
}

async function shown(ctx: AppContext, extension: BaseExtension, scope: ConfigScope): Promise<JsonObject> {
  const value = await effectiveConfig(ctx.database.db as Kysely<unknown>, extension, scope)
  return masked(extension.configSchema, value)
}

async function update(ctx: AppContext, extension: BaseExtension, scope: ConfigScope, body: unknown) {
  const db = ctx.database.db as Kysely<unknown>
  await db.transaction().execute((trx) => writeConfig(trx, extension, scope, body))
  ctx.log.info({ extension: extension.name, cluster: scope }, 'Extension configuration changed')
  return shown(ctx, extension, scope)
}
