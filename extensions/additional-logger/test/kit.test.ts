/**
 * additional_logger through the test kit: the core conformance suite with it loaded, its facts
 * against golden files (the stamp is normalised to `<time>`), and its configuration
 * (`stampFacts: false` per environment turns the stamps off; `level: 'info'`).
 */
import { join } from 'node:path'
import {
  createTestApp,
  expectFactsToMatchGolden,
  renderFacts,
  runConformanceTests,
  type TestApp,
} from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const PACKAGE_DIR = join(import.meta.dirname, '..')
const GOLDEN = join(import.meta.dirname, 'golden')

/** Every `time_started` in the facts, wherever the endpoint puts it. */
function stamps(facts: unknown, found: unknown[] = []): unknown[] {
  if (Array.isArray(facts)) for (const item of facts) stamps(item, found)
  else if (facts && typeof facts === 'object')
    for (const [key, value] of Object.entries(facts)) key === 'time_started' ? found.push(value) : stamps(value, found)
  return found
}

runConformanceTests({ extensions: [PACKAGE_DIR] })

describe('additional_logger facts and configuration', () => {
  let t: TestApp
  let clusterId: number
  beforeAll(async () => {
    t = await createTestApp({ extensions: [PACKAGE_DIR] })
    clusterId = (await t.env.createCluster({ extensions: ['additional_logger'] })).id
    await t.put(`/api/v1/clusters/${clusterId}/extensions`, ['additional_logger'])
    await t.env.createNode({ roles: ['controller'] })
  })
  afterAll(() => t.close())

  it('stamps the start times into the facts it renders (golden)', async () => {
    const select = (facts: unknown) => stamps(facts)
    await expectFactsToMatchGolden(t, clusterId, 'deployment.json', { stage: 'deployment', dir: GOLDEN, select })
    await expectFactsToMatchGolden(t, clusterId, 'provisioning.json', { stage: 'provisioning', dir: GOLDEN, select })
  })

  it('has a validated configuration whose stampFacts: false turns the stamps off for one environment', async () => {
    expect((await t.get('/api/v1/extensions/additional_logger/config')).body).toEqual({
      level: 'debug',
      stampFacts: true,
    })
    expect(
      (await t.put(`/api/v1/clusters/${clusterId}/extensions/additional_logger/config`, { level: 'loud' })).status,
    ).toBe(400)
    const put = await t.put(`/api/v1/clusters/${clusterId}/extensions/additional_logger/config`, { stampFacts: false })
    expect(put.body).toEqual({ level: 'debug', stampFacts: false })
    expect(stamps(await renderFacts(t, clusterId, 'deployment'))).toEqual([])
    expect(stamps(await renderFacts(t, clusterId, 'provisioning'))).toEqual([])
  })
})
