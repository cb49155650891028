/**
 * The event bus: every installed extension receives lifecycle events, awaited in order, inside the
 * caller's transaction with a context; environment-scoped events reach only the environment's
 * extensions; a failure or a timeout rolls the operation back and names extension and event; a
 * non-critical extension's failure is logged and skipped.
 */
import type { ClusterObject, NodeObject } from '@nailgun/extensions'
import { agentPayload, createTestApp, databases, registerNode, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { deleteClusterCascade } from '../../src/domain/cluster/cluster-delete.js'
import { findNode } from '../../src/domain/node/node-repo.js'
import { makeObjectsApi } from '../../src/domain/objects-api.js'
import { createExtensionHost, type EventArgs } from '../../src/extensions/extension-host.js'
import { FailingExtension } from './fixtures/failing/index.js'
import { clearJournal, journal, planFailure } from './fixtures/journal.js'
import { API, captureLog, createCluster, fixture } from './helpers.js'

describe.each(databases())('extension events on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database, extensions: [fixture('recorder'), fixture('failing')] })
  })
  afterAll(() => t.close())
  beforeEach(() => {
    clearJournal()
    planFailure({ event: null, mode: 'throw' })
  })

  const db = () => t.app.ctx.database.db
  const seen = () => journal().map((e) => e.event)
  const logged = async () =>
    (await db()
      .selectFrom('fx_recorder_log' as never)
      .selectAll()
      .execute()) as Array<{ event: string }>
  const fire = <E extends Parameters<TestApp['app']['ctx']['extensions']['fire']>[1]>(event: E, args: EventArgs<E>) =>
    db()
      .transaction()
      .execute((trx) => t.app.ctx.extensions.fire(trx, event, args))
  const nodeOf = async (id: number) => (await findNode(db(), id)) as NodeObject

  it('delivers onNodeCreate and onNodeUpdate fired by the node routes, with the node and the changes', async () => {
    const node = await registerNode(t)
    await t.put(`${API}/nodes/${node.id}`, { name: 'renamed' })
    expect(seen()).toEqual(['onNodeCreate', 'onNodeUpdate'])
    expect(journal()[0]?.args).toEqual([expect.objectContaining({ id: node.id, mac: node.mac })])
    expect(journal()[0]?.context).toEqual({ inTransaction: true, objects: 'function', logger: 'function', config: {} })
    expect((await logged()).filter((row) => row.event === 'onNodeUpdate').at(-1)).toEqual({
      event: 'onNodeUpdate',
      changes: 'name',
    })
  })

  it('delivers onClusterCreate (then onNodegroupCreate) fired by POST /clusters with the environment and the request data', async () => {
    const res = await t.post(`${API}/clusters`, { name: `events-${database}`, release: 1 })
    expect(res.status).toBe(201)
    expect(seen()).toEqual(['onClusterCreate', 'onNodegroupCreate'])
    const create = journal().find((e) => e.event === 'onClusterCreate')
    expect(create?.args).toEqual([
      expect.objectContaining({ id: res.body.id }),
      expect.objectContaining({ release_id: 1 }),
    ])
  })

  it("delivers the seed's seven events with the seed's arguments", async () => {
    const cluster = await createCluster(t, ['fx_recorder'])
    const node = await nodeOf((await registerNode(t)).id)
    clearJournal()
    await fire('onNodeUpdate', [node])
    await fire('onNodeReset', [node])
    await db()
      .transaction()
      .execute((trx) => deleteClusterCascade(trx, cluster, t.app.ctx.extensions))
    await fire('onNodeDelete', [node])
    await fire('onNodeCollectionDelete', [[node.id, 99]])
    await fire('onBeforeDeploymentCheck', [cluster, [node]])
    const entries = journal().filter((e) => e.extension === 'fx_recorder')
    expect(entries.map((e) => e.event)).toEqual([
      'onNodeUpdate',
      'onNodeReset',
      'beforeClusterDelete',
      'onClusterDelete',
      'afterClusterDelete',
      'onNodeDelete',
      'onNodeCollectionDelete',
      'onBeforeDeploymentCheck',
    ])
    expect(entries.at(-2)?.args).toEqual([[node.id, 99]])
    expect(entries.at(-1)?.args).toEqual([cluster, [node]])
  })

  it('delivers environment-scoped events only to the extensions enabled on the environment, in its order', async () => {
    const without = await createCluster(t, [])
    const ghost = await createCluster(t, ['not_installed', 'fx_recorder'])
    await fire('onBeforeDeploymentCheck', [without, []])
    await fire('onBeforeDeploymentSerialization', [ghost, [], false])
    expect(journal().map((e) => [e.extension, e.event])).toEqual([['fx_recorder', 'onBeforeDeploymentSerialization']])
  })

  it('rolls the operation back when a handler throws, naming extension and event', async () => {
    planFailure({ event: 'onNodeCreate', mode: 'throw' })
    const before = (await t.get(`${API}/nodes`)).body.length
    const rows = (await logged()).length
    const res = await t.post(`${API}/nodes`, agentPayload())
    expect(res.status).toBe(500)
    expect(res.body).toEqual({
      message: "Extension 'fx_failing' failed in onNodeCreate: boom",
      errors: [{ extension: 'fx_failing', stage: 'onNodeCreate' }],
    })
    expect((await t.get(`${API}/nodes`)).body).toHaveLength(before)
    // The recorder ran first (by name) and wrote its row in the same transaction: gone too.
    expect(await logged()).toHaveLength(rows)
  })

  it('answers with the status of a coded error the handler threw', async () => {
    planFailure({ event: 'onClusterCreate', mode: 'nailgun' })
    const res = await t.post(`${API}/clusters`, { name: `refused-${database}`, release: 1 })
    expect(res.status).toBe(403)
    expect(res.body.message).toBe("Extension 'fx_failing' failed in onClusterCreate: Refused by policy")
    expect(res.body.errors).toEqual([{ extension: 'fx_failing', stage: 'onClusterCreate', code: 'NG_EXT_FX_REFUSED' }])
    expect((await t.get(`${API}/clusters`)).body.some((c: ClusterObject) => c.name === `refused-${database}`)).toBe(
      false,
    )
  })

  it('treats a handler running past timeoutMs as failed, with the same rollback', async () => {
    planFailure({ event: 'onNodeCreate', mode: 'hang' })
    const before = (await t.get(`${API}/nodes`)).body.length
    const res = await t.post(`${API}/nodes`, agentPayload())
    expect(res.status).toBe(500)
    expect(res.body.message).toBe("Extension 'fx_failing' failed in onNodeCreate: timed out after 200 ms")
    expect((await t.get(`${API}/nodes`)).body).toHaveLength(before)
  })
})

/** Runs before the recorder (by name) and is not critical. */
class EarlySoftExtension extends FailingExtension {
  name = 'fx_early'
  critical = false
}

describe.each(databases())('non-critical extensions on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database, extensions: [fixture('recorder'), new EarlySoftExtension()] })
  })
  afterAll(() => t.close())
  beforeEach(() => clearJournal())

  const rows = async () =>
    (
      (await t.app.ctx.database.db
        .selectFrom('fx_recorder_log' as never)
        .select('event' as never)
        .execute()) as Array<{
        event: string
      }>
    ).map((r) => r.event)

  it.each(['throw', 'sql', 'hang'] as const)(
    'skips a failing handler (%s), undoes its writes, and lets the operation and later handlers stand',
    async (mode) => {
      planFailure({ event: 'onNodeCreate', mode })
      const before = await rows()
      const res = await t.post(`${API}/nodes`, agentPayload())
      expect(res.status).toBe(201)
      expect(journal().map((e) => [e.extension, e.event])).toEqual([['fx_recorder', 'onNodeCreate']])
      expect(await rows()).toEqual([...before, 'onNodeCreate'])
    },
  )

  it('logs the failure with the extension and the event', async () => {
    planFailure({ event: 'onNodeReset', mode: 'throw' })
    const log = captureLog()
    const loaded = { installed: [...t.app.ctx.extensions.installed], failed: [] }
    const host = createExtensionHost({ loaded, makeObjects: makeObjectsApi, log })
    const node = await registerNode(t)
    const db = t.app.ctx.database.db
    await db.transaction().execute(async (trx) => host.fire(trx, 'onNodeReset', [(await findNode(trx, node.id))!]))
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: "Non-critical Extension 'fx_early' failed in onNodeReset: boom; skipped",
        data: expect.objectContaining({ extension: 'fx_early', stage: 'onNodeReset' }),
      }),
    )
  })
})
