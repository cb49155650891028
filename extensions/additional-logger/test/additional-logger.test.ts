/**
 * The seed's additional_logger example, in TypeScript (src/index.ts) and in plain JavaScript
 * (src/plain.js): it loads as a package, logs the seven seed events, and stamps start times.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type {
  BaseExtension,
  ClusterObject,
  DeploymentFacts,
  EventContext,
  NodeObject,
  ProvisioningFacts,
} from '@nailgun/extensions'
import { agentPayload, createTestApp, databases, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AdditionalLoggerExtension, pythonNow, TimeStartedPipeline } from '../src/index.js'

/** plain.js has no types, on purpose: imported by path, as the host imports a JavaScript extension. */
const plain = (await import(join(import.meta.dirname, '../src/plain.js'))) as {
  AdditionalLoggerExtension: new () => BaseExtension
}

const PACKAGE_DIR = join(import.meta.dirname, '..')
const STAMP = /^(provisioning|deployment) started at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/

type Handlers = Record<string, (...args: unknown[]) => void>

/** Calls each seed event handler with a context whose logger keeps the lines. */
function loggedLines(extensionClass: unknown): string[] {
  const lines: string[] = []
  const logger = { debug: (m: string) => lines.push(m), info() {}, warn() {}, error() {} }
  const ctx = { logger } as unknown as EventContext
  const node = { id: 5 } as NodeObject
  const cluster = { id: 2 } as ClusterObject
  const on = extensionClass as Handlers
  on.onNodeCreate?.(node, ctx)
  on.onNodeUpdate?.(node, ctx)
  on.onNodeReset?.(node, ctx)
  on.onNodeDelete?.(node, ctx)
  on.onNodeCollectionDelete?.([5, 6], ctx)
  on.onClusterDelete?.(cluster, ctx)
  on.onBeforeDeploymentCheck?.(cluster, [node], ctx)
  return lines
}

const SEED_LINES = [
  'Node 5 has been created',
  'Node 5 has been updated',
  'Node 5 has been reseted',
  'Node 5 has been deleted',
  'Nodes 5, 6 have been deleted',
  'Cluster 2 has been deleted',
  'Cluster 2 will be deployed soon',
]

describe('additional_logger', () => {
  it("declares the seed's name, version and pipeline, and is the entry the manifest names", async () => {
    expect(new AdditionalLoggerExtension().toDict()).toEqual({
      name: 'additional_logger',
      version: '1.0.0',
      description: 'Additional Logging Extension',
      provides: [],
    })
    expect(new AdditionalLoggerExtension().dataPipelines).toEqual([TimeStartedPipeline])
    const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8'))
    const [file, exportName] = manifest.nailgun.extensions.AdditionalLogger.split('#')
    expect((await import(join(PACKAGE_DIR, file)))[exportName]).toBe(AdditionalLoggerExtension)
  })

  it('logs the seven seed events as the seed does, in TypeScript and in JavaScript', () => {
    expect(loggedLines(AdditionalLoggerExtension)).toEqual(SEED_LINES)
    expect(loggedLines(plain.AdditionalLoggerExtension)).toEqual(SEED_LINES)
  })

  it("formats the time as Python's str(datetime.now())", () => {
    expect(pythonNow(new Date(2016, 3, 7, 9, 5, 3, 42))).toBe('2016-04-07 09:05:03.042000')
  })
})

describe.each(databases())('additional_logger installed on %s', (database) => {
  const variants: Array<[string, () => string | BaseExtension]> = [
    ['the package (TypeScript)', () => PACKAGE_DIR],
    ['plain.js (JavaScript)', () => new plain.AdditionalLoggerExtension()],
  ]

  describe.each(variants)('from %s', (_label, source) => {
    let t: TestApp
    beforeAll(async () => {
      t = await createTestApp({ database, extensions: [source()] })
    })
    afterAll(() => t.close())

    it('is listed as loaded and handles node events without getting in the way', async () => {
      const listed = await t.get('/api/v1/extensions')
      expect(listed.body).toEqual([expect.objectContaining({ name: 'additional_logger', status: 'loaded' })])
      const node = await t.post('/api/v1/nodes', agentPayload())
      expect(node.status).toBe(201)
      expect((await t.put(`/api/v1/nodes/${node.body.id}`, { name: 'renamed' })).status).toBe(200)
    })

    it('stamps time_started into provisioning and deployment facts of environments that enable it', async () => {
      const host = t.app.ctx.extensions
      const db = t.app.ctx.database.db
      const cluster = { id: 1, extensions: ['additional_logger'] } as ClusterObject
      const provisioning: ProvisioningFacts = { engine: {}, nodes: [], fault_tolerance: [], pre_provision: [] }
      const deployment: DeploymentFacts = { common: {}, nodes: [] }
      const [prov, dep] = await db
        .transaction()
        .execute(async (trx) => [
          await host.runProvisioningPipelines(trx, cluster, [], provisioning),
          await host.runDeploymentPipelines(trx, cluster, [], deployment),
        ])
      expect(prov?.time_started).toMatch(STAMP)
      expect((dep as DeploymentFacts & { time_started?: string }).time_started).toMatch(STAMP)
      const off = await db
        .transaction()
        .execute((trx) => host.runProvisioningPipelines(trx, { ...cluster, extensions: [] }, [], { ...provisioning }))
      expect(off.time_started).toBeUndefined()
    })
  })
})

describe.each(databases())('additional_logger beside volume_manager on %s', (database) => {
  it('runs after volume_manager whatever the environment order, and is not critical', async () => {
    const volumeManager = join(import.meta.dirname, '..', '..', 'volume-manager')
    const t = await createTestApp({ database, extensions: [PACKAGE_DIR, volumeManager] })
    try {
      const release = (await t.get('/api/v1/releases')).body[0].id
      const cluster = (await t.post('/api/v1/clusters', { name: `order-${database}`, release })).body
      await t.delete(`/api/v1/clusters/${cluster.id}/extensions?extension_names=volume_manager`)
      await t.put(`/api/v1/clusters/${cluster.id}/extensions`, ['additional_logger', 'volume_manager'])
      expect((await t.get(`/api/v1/clusters/${cluster.id}/extensions`)).body).toEqual([
        'additional_logger',
        'volume_manager',
      ])
      const trace = await t.get(`/api/v1/clusters/${cluster.id}/orchestrator/deployment/trace`)
      expect(trace.status).toBe(200)
      const ran = trace.body.stages.map((s: { extension: string }) => s.extension)
      expect(ran.lastIndexOf('volume_manager')).toBeLessThan(ran.indexOf('additional_logger'))
      expect(new AdditionalLoggerExtension().critical).toBe(false)
    } finally {
      await t.close()
    }
  })
})
