/**
 * The test kit itself: `t.env` factories, facts normalisation and the golden-file comparison
 * (UPDATE_GOLDEN=1 writes, otherwise a difference fails).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, expectFactsToMatchGolden, normaliseFacts, type TestApp } from '../src/index.js'

describe('the test kit', () => {
  let t: TestApp
  let dir: string
  beforeAll(async () => {
    t = await createTestApp()
    dir = await mkdtemp(path.join(os.tmpdir(), 'ng-golden-'))
  })
  afterAll(async () => {
    await t.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('creates releases, environments and nodes with roles, and deploys to operational', async () => {
    const release = await t.env.createRelease()
    expect(release.id).toBeGreaterThan(1)
    const cluster = await t.env.createCluster({ release_id: release.id })
    expect(t.env.cluster?.id).toBe(cluster.id)
    const node = await t.env.createNode({ roles: ['controller'] })
    expect(node).toMatchObject({ cluster: cluster.id, pending_roles: ['controller'] })
    expect(await t.env.deploy()).toMatchObject({ status: 'ready' })
    expect((await t.get(`/api/v1/clusters/${cluster.id}`)).body.status).toBe('operational')
    expect(t.orchestrator).toBe(t.app.ctx.orchestrator)
  })

  it('normalises timestamps, uuids, MACs, secrets and ids', () => {
    const facts = {
      uid: '7',
      password: 'x1',
      nested: { created_at: '2026-01-02T03:04:05Z', note: 'at 2026-01-02 03:04:05.123000 on 52:54:00:12:34:56' },
      id: 12,
      uuid: 'not-a-uuid',
      ref: '0f8fad5b-d9cb-469f-a165-70867728950e',
    }
    expect(normaliseFacts(facts)).toEqual({
      id: '<number>',
      nested: { created_at: '<volatile>', note: 'at <time> on <mac>' },
      password: '<secret>',
      ref: '<uuid>',
      uid: '<volatile>',
      uuid: '<volatile>',
    })
  })

  it('writes the golden file with UPDATE_GOLDEN=1, then fails on a difference', async () => {
    const cluster = await t.env.createCluster()
    await t.env.createNode({ roles: ['compute'] })
    const options = { stage: 'provisioning' as const, dir }
    process.env.UPDATE_GOLDEN = '1'
    try {
      await expectFactsToMatchGolden(t, cluster.id, 'prov.json', options)
    } finally {
      delete process.env.UPDATE_GOLDEN
    }
    await expectFactsToMatchGolden(t, cluster.id, 'prov.json', options)
    const file = path.join(dir, 'prov.json')
    expect(await readFile(file, 'utf8')).not.toMatch(/\d{4}-\d\d-\d\dT/)
    await writeFile(file, JSON.stringify({ changed: true }))
    await expect(expectFactsToMatchGolden(t, cluster.id, 'prov.json', options)).rejects.toThrow(/facts differ/)
  })
})
