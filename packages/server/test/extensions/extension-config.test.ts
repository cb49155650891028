/**
 * Per-extension configuration: a global default and per-environment values, validated against the
 * extension's JSON schema (400 listing the violations), secrets never read back, and handed to
 * event handlers, pipelines and REST handlers as `ctx.config` (environment over global over
 * schema defaults).
 */
import {
  BaseExtension,
  BaseHandler,
  BasePipeline,
  type ClusterObject,
  type DeploymentFacts,
  type EventContext,
  type HandlerRequest,
  type JsonObject,
  type PipelineKwargs,
  type UrlSpec,
} from '@nailgun/extensions'
import { createTestApp, databases, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findCluster } from '../../src/domain/cluster/cluster-repo.js'
import { API } from './helpers.js'

const seen: { event?: JsonObject } = {}

class ConfigPipeline extends BasePipeline {
  static processDeployment(data: DeploymentFacts, _c: ClusterObject, _n: unknown[], kwargs: PipelineKwargs) {
    return { ...data, common: { ...data.common, configured: kwargs.ctx.config } }
  }
}

class ConfigHandler extends BaseHandler {
  GET({ ctx }: HandlerRequest) {
    return ctx.config
  }
}

class ConfiguredExtension extends BaseExtension {
  readonly name = 'fx_configured'
  readonly version = '1.0.0'
  readonly description = 'Reads its configuration'
  configSchema = {
    type: 'object',
    properties: {
      level: { enum: ['debug', 'info'], default: 'info' },
      retries: { type: 'integer', minimum: 0, default: 3 },
      token: { type: 'string', writeOnly: true },
    },
    additionalProperties: false,
  }
  dataPipelines = [ConfigPipeline]
  urls: UrlSpec[] = [
    { uri: '/fx_configured/config/?$', handler: ConfigHandler },
    { uri: String.raw`/fx_configured/(?P<cluster_id>\d+)/config/?$`, handler: ConfigHandler },
  ]
  onBeforeDeploymentCheck(_cluster: ClusterObject, _nodes: unknown[], ctx: EventContext) {
    seen.event = ctx.config
  }
}

class PlainExtension extends BaseExtension {
  readonly name = 'fx_plain'
  readonly version = '1.0.0'
  readonly description = 'Has no configuration'
}

describe.each(databases())('extension configuration on %s', (database) => {
  let t: TestApp
  let cluster: { id: number }
  beforeAll(async () => {
    t = await createTestApp({ database, extensions: [new ConfiguredExtension(), new PlainExtension()] })
    cluster = (await t.env.createCluster()) as { id: number }
    await t.put(`${API}/clusters/${cluster.id}/extensions`, ['fx_configured'])
  })
  afterAll(() => t.close())

  it('answers the schema defaults before anything is stored', async () => {
    expect((await t.get(`${API}/extensions/fx_configured/config`)).body).toEqual({ level: 'info', retries: 3 })
    expect((await t.get(`${API}/clusters/${cluster.id}/extensions/fx_configured/config`)).body).toEqual({
      level: 'info',
      retries: 3,
    })
  })

  it('rejects a value against the schema with 400 listing every violation, and stores nothing', async () => {
    const res = await t.put(`${API}/extensions/fx_configured/config`, { level: 'loud', retries: -1, extra: 1 })
    expect(res.status).toBe(400)
    expect(res.body.message).toContain("Invalid configuration for extension 'fx_configured'")
    const paths = (res.body.errors as Array<{ path: string; keyword: string }>).map((e) => `${e.path} ${e.keyword}`)
    expect(paths).toEqual(expect.arrayContaining(['/level enum', '/retries minimum', '/ additionalProperties']))
    expect((await t.get(`${API}/extensions/fx_configured/config`)).body).toEqual({ level: 'info', retries: 3 })
  })

  it('never returns a write-only secret and keeps it when a later write leaves it out', async () => {
    const put = await t.put(`${API}/extensions/fx_configured/config`, { retries: 5, token: 's3cret' })
    expect(put.status).toBe(200)
    expect(put.body).toEqual({ level: 'info', retries: 5 })
    await t.put(`${API}/extensions/fx_configured/config`, { retries: 6 })
    expect((await t.get(`${API}/extensions/fx_configured/config`)).text).not.toContain('s3cret')
    expect((await t.get(`${API}/fx_configured/config`)).body).toEqual({ level: 'info', retries: 6, token: 's3cret' })
  })

  it('merges the environment over the global default and hands it to events, pipelines and REST handlers', async () => {
    await t.put(`${API}/extensions/fx_configured/config`, { retries: 6, level: 'debug' })
    const put = await t.put(`${API}/clusters/${cluster.id}/extensions/fx_configured/config`, { retries: 9 })
    expect(put.status).toBe(200)
    const expected = { level: 'debug', retries: 9, token: 's3cret' }
    expect(put.body).toEqual({ level: 'debug', retries: 9 })
    expect((await t.get(`${API}/fx_configured/${cluster.id}/config`)).body).toEqual(expected)
    const db = t.app.ctx.database.db
    const object = (await findCluster(db, cluster.id)) as ClusterObject
    await db.transaction().execute((trx) => t.app.ctx.extensions.fire(trx, 'onBeforeDeploymentCheck', [object, []]))
    expect(seen.event).toEqual(expected)
    const facts = await db
      .transaction()
      .execute((trx) =>
        t.app.ctx.extensions.runDeploymentPipelines(trx, object, [], { common: {}, nodes: [] } as never),
      )
    expect((facts.common as JsonObject).configured).toEqual(expected)
    expect((await t.get(`${API}/extensions/fx_configured/config`)).body).toEqual({ level: 'debug', retries: 6 })
  })

  it('answers 404 for an unknown extension or environment, 400 for an extension without a schema', async () => {
    expect((await t.get(`${API}/extensions/nope/config`)).status).toBe(404)
    expect((await t.get(`${API}/clusters/999999/extensions/fx_configured/config`)).status).toBe(404)
    expect((await t.put(`${API}/extensions/fx_plain/config`, {})).status).toBe(400)
    expect((await t.get(`${API}/extensions/fx_plain/config`)).body).toEqual({})
  })

  it('removes an environment’s configuration with the environment', async () => {
    const other = await t.env.createCluster()
    await t.put(`${API}/clusters/${other.id}/extensions/fx_configured/config`, { retries: 1 })
    await t.delete(`${API}/clusters/${other.id}`)
    await waitGone(t, other.id)
    const rows = await t.app.ctx.database.db
      .selectFrom('extension_configs' as never)
      .selectAll()
      .where('cluster_id' as never, '=', other.id as never)
      .execute()
    expect(rows).toEqual([])
  })
})

async function waitGone(t: TestApp, id: number) {
  for (let i = 0; i < 2000 && (await t.get(`${API}/clusters/${id}`)).status !== 404; i++)
    await new Promise((r) => setTimeout(r, 10))
}
