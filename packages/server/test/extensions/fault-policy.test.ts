/**
 * The fault policy: consecutive failures of an extension's handlers are counted in the database;
 * at the threshold the extension is degraded (GET /extensions shows it), a degraded non-critical
 * extension's handlers are skipped, a success before that clears the count, and an operator's
 * POST /extensions/<name>/reset brings it back.
 */
import { BaseExtension, BasePipeline, type DeploymentFacts, type NodeObject } from '@nailgun/extensions'
import { createTestApp, databases, registerNode, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFaultPolicy } from '../../src/extensions/fault-policy.js'
import { API, captureLog } from './helpers.js'

const plan = { flakyFails: false, strictFails: false, flakyCalls: 0, pipelineCalls: 0 }

class FlakyPipeline extends BasePipeline {
  static processDeployment(data: DeploymentFacts) {
    plan.pipelineCalls++
    return data
  }
}

class FlakyExtension extends BaseExtension {
  readonly name = 'fx_flaky'
  readonly version = '1.0.0'
  readonly description = 'Fails on demand, non-critical'
  critical = false
  dataPipelines = [FlakyPipeline]
  onNodeCreate(_node: NodeObject) {
    plan.flakyCalls++
    if (plan.flakyFails) throw new Error('flaky broke')
  }
}

class StrictExtension extends BaseExtension {
  readonly name = 'fx_strict'
  readonly version = '1.0.0'
  readonly description = 'Fails on demand, critical'
  onNodeUpdate() {
    if (plan.strictFails) throw new Error('strict broke')
  }
}

describe.each(databases())('extension fault policy on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({
      database,
      extensions: [new FlakyExtension(), new StrictExtension()],
      config: { extensionFailureThreshold: 3 },
    })
  })
  afterAll(() => t.close())
  beforeEach(async () => {
    Object.assign(plan, { flakyFails: false, strictFails: false, flakyCalls: 0, pipelineCalls: 0 })
    await t.post(`${API}/extensions/fx_flaky/reset`)
    await t.post(`${API}/extensions/fx_strict/reset`)
  })

  const status = async (name: string) =>
    ((await t.get(`${API}/extensions`)).body as Array<{ name: string }>).find((e) => e.name === name)

  it('counts consecutive failures, then marks the extension degraded with the last error', async () => {
    plan.flakyFails = true
    await registerNode(t)
    await registerNode(t)
    expect(await status('fx_flaky')).toMatchObject({ status: 'loaded', failures: 2, last_error: 'flaky broke' })
    await registerNode(t)
    expect(await status('fx_flaky')).toMatchObject({
      status: 'degraded',
      failures: 3,
      last_error: 'flaky broke',
      last_failed_stage: 'onNodeCreate',
    })
    const rows = await t.app.ctx.database.db
      .selectFrom('extension_states' as never)
      .selectAll()
      .execute()
    expect(rows).toEqual([expect.objectContaining({ name: 'fx_flaky', status: 'degraded' })])
  })

  it("skips a degraded non-critical extension's handlers until an operator resets it", async () => {
    plan.flakyFails = true
    for (let i = 0; i < 3; i++) await registerNode(t)
    const calls = plan.flakyCalls
    plan.flakyFails = false
    await registerNode(t)
    expect(plan.flakyCalls).toBe(calls)
    const cluster = await t.env.createCluster()
    await t.put(`${API}/clusters/${cluster.id}/extensions`, ['fx_flaky'])
    expect((await t.get(`${API}/clusters/${cluster.id}/orchestrator/deployment/defaults`)).status).toBe(200)
    expect(plan.pipelineCalls).toBe(0)
    const reset = await t.post(`${API}/extensions/fx_flaky/reset`)
    expect(reset.status).toBe(200)
    expect(reset.body).toMatchObject({ name: 'fx_flaky', status: 'loaded' })
    expect(reset.body.failures).toBeUndefined()
    await registerNode(t)
    expect(plan.flakyCalls).toBe(calls + 1)
    await t.get(`${API}/clusters/${cluster.id}/orchestrator/deployment/defaults`)
    expect(plan.pipelineCalls).toBe(1)
  })

  it('clears the count when a handler succeeds before the threshold', async () => {
    plan.flakyFails = true
    await registerNode(t)
    await registerNode(t)
    plan.flakyFails = false
    await registerNode(t)
    expect(await status('fx_flaky')).toEqual(expect.objectContaining({ status: 'loaded' }))
    expect((await status('fx_flaky')) as object).not.toHaveProperty('failures')
  })

  it("records a critical extension's failures although its operation is rolled back", async () => {
    const node = await registerNode(t)
    plan.strictFails = true
    const res = await t.put(`${API}/nodes/${node.id}`, { name: 'renamed' })
    expect(res.status).toBeGreaterThanOrEqual(500)
    expect((await t.get(`${API}/nodes/${node.id}`)).body.name).not.toBe('renamed')
    expect(await status('fx_strict')).toMatchObject({ status: 'loaded', failures: 1, last_error: 'strict broke' })
  })

  it('keeps the state in the database, where another process sees it, and logs the degradation once', async () => {
    const db = t.app.ctx.database.db as never
    const log = captureLog()
    const one = createFaultPolicy({ db, log, threshold: 2 })
    const other = createFaultPolicy({ db, log: captureLog(), threshold: 2 })
    for (let i = 0; i < 3; i++) one.failed('fx_elsewhere', 'onNodeCreate', new Error(`boom ${i}`))
    await one.flush()
    expect(await other.degraded(db)).toContain('fx_elsewhere')
    expect((await other.states()).get('fx_elsewhere')).toMatchObject({ failure_count: 3, last_error: 'boom 2' })
    expect(log.lines.filter((l) => l.message.includes('is degraded'))).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'Extension fx_elsewhere is degraded after 2 consecutive failures',
      }),
    ])
    expect(await other.reset('fx_elsewhere')).toBe(true)
    expect(await one.degraded(db)).not.toContain('fx_elsewhere')
  })

  it('answers 404 when resetting an extension that is not installed', async () => {
    const res = await t.post(`${API}/extensions/nope/reset`)
    expect(res.status).toBe(404)
  })
})
