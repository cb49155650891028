/**
 * Data pipelines: the environment's enabled extensions in its order, each extension's pipelines in
 * `dataPipelines` order, each stage getting the previous output; seed style and per-object style;
 * user-replaced nodes set aside and put back; failures attributed to extension and method.
 */
import {
  BaseExtension,
  BasePipeline,
  type ClusterObject,
  type DeploymentFacts,
  type DeploymentNodeFacts,
  type ExtensionContext,
  type JsonObject,
  type NodeObject,
  type PipelineKwargs,
  type PipelineSpec,
  type ProvisioningFacts,
  type ProvisioningNodeFacts,
} from '@nailgun/extensions'
import { createTestApp, databases, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { PipelineRunOptions, PipelineStageRecord } from '../../src/extensions/pipeline-runner.js'
import { nodeObject } from './helpers.js'

const seen: Array<{ pipeline: string; uids: string[]; nodeIds: number[]; kwargs?: Omit<PipelineKwargs, 'ctx'> }> = []

class PipelinePlus1 extends BasePipeline {
  static processProvisioning(data: ProvisioningFacts, _c: ClusterObject, nodes: NodeObject[], kwargs: PipelineKwargs) {
    seen.push({
      pipeline: 'plus1',
      uids: data.nodes.map((n) => n.uid),
      nodeIds: nodes.map((n) => n.id),
      kwargs: { ignoreCustomized: kwargs.ignoreCustomized },
    })
    data.key = Number(data.key) + 1
    return data
  }
}

class PipelinePlus2 extends BasePipeline {
  static processProvisioning(data: ProvisioningFacts) {
    data.key = Number(data.key) + 2
    return data
  }
}

/** Per-object style, as instance methods: changes in place and by returning a replacement. */
class PerObjectPipeline extends BasePipeline {
  processDeploymentForCluster(_cluster: ClusterObject, common: JsonObject, ctx: ExtensionContext) {
    common.touched_by = ctx.logger ? 'per_object' : 'no context'
  }

  processDeploymentForNode(node: NodeObject, data: DeploymentNodeFacts) {
    return { ...data, node_name: node.name }
  }

  processProvisioningForCluster(_cluster: ClusterObject, clusterData: JsonObject) {
    return { ...clusterData, engine: { url: 'http://cobbler' } }
  }

  processProvisioningForNode(node: NodeObject, data: ProvisioningNodeFacts) {
    data.profile = `profile-of-${node.id}`
  }
}

/** Seed style on deployment: a top-level key is common to every node. */
class StampPipeline extends BasePipeline {
  static processDeployment(data: DeploymentFacts & JsonObject, _c: ClusterObject, nodes: NodeObject[]) {
    seen.push({ pipeline: 'stamp', uids: data.nodes.map((n) => n.uid), nodeIds: nodes.map((n) => n.id) })
    data.time_started = 'now'
    return data
  }
}

class ExplodingPipeline extends BasePipeline {
  static processDeploymentForNode(): never {
    throw new Error('no disks')
  }
}

function extension(name: string, dataPipelines: PipelineSpec[], critical = true): BaseExtension {
  class PipelineExtension extends BaseExtension {
    readonly name = name
    readonly version = '1.0.0'
    readonly description = `pipelines of ${name}`
  }
  return Object.assign(new PipelineExtension(), { dataPipelines, critical })
}

const provisioning = (uids: string[]): ProvisioningFacts => ({
  engine: {},
  nodes: uids.map((uid) => ({ uid, hostname: `node-${uid}`, fqdn: `node-${uid}.tld`, profile: 'ubuntu' })),
  fault_tolerance: [],
  pre_provision: [],
  key: 0,
})

const deployment = (uids: string[]): DeploymentFacts => ({
  common: { release: 'mitaka' },
  nodes: uids.map((uid) => ({ uid, roles: ['compute'], fqdn: `node-${uid}.tld` })),
})

describe.each(databases())('data pipelines on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({
      database,
      extensions: [
        extension('plus', [PipelinePlus1, PipelinePlus2]),
        extension('per_object', [PerObjectPipeline]),
        extension('stamp', [StampPipeline]),
        extension('exploding', [ExplodingPipeline]),
        extension('soft_exploding', [ExplodingPipeline], false),
      ],
    })
  })
  afterAll(() => t.close())
  beforeEach(() => {
    seen.length = 0
  })

  const cluster = (extensions: string[]): ClusterObject =>
    ({
      id: 7,
      name: 'env',
      extensions,
      replacedDeploymentInfo: {},
      replacedProvisioningInfo: {},
    }) as unknown as ClusterObject
  const host = () => t.app.ctx.extensions
  const db = () => t.app.ctx.database.db
  const provision = (c: ClusterObject, nodes: NodeObject[], facts: ProvisioningFacts, options?: PipelineRunOptions) =>
    db()
      .transaction()
      .execute((trx) => host().runProvisioningPipelines(trx, c, nodes, facts, options))
  const deploy = (c: ClusterObject, nodes: NodeObject[], facts: DeploymentFacts, options?: PipelineRunOptions) =>
    db()
      .transaction()
      .execute((trx) => host().runDeploymentPipelines(trx, c, nodes, facts, options))

  it('chains pipelines in dataPipelines order, each getting the previous output (the seed test: key == 3)', async () => {
    const result = await provision(cluster(['plus']), [nodeObject(1)], provisioning(['1']))
    expect(result.key).toBe(3)
  })

  it('runs only the extensions enabled on the environment, in its order, and skips uninstalled names', async () => {
    expect((await provision(cluster([]), [nodeObject(1)], provisioning(['1']))).key).toBe(0)
    const both = await deploy(cluster(['ghost', 'stamp', 'per_object']), [nodeObject(1)], deployment(['1']))
    expect(both).toMatchObject({ time_started: 'now', common: { touched_by: 'per_object' } })
  })

  it('calls per-object methods with the common part and each node entry whose uid is a node', async () => {
    const facts = deployment(['1', '2', 'master'])
    const result = await deploy(cluster(['per_object']), [nodeObject(1), nodeObject(2)], facts)
    expect(result.common).toEqual({ release: 'mitaka', touched_by: 'per_object' })
    expect(result.nodes.map((n) => n.node_name ?? null)).toEqual(['node-1', 'node-2', null])
    const prov = await provision(cluster(['per_object']), [nodeObject(1)], provisioning(['1']))
    expect(prov.engine).toEqual({ url: 'http://cobbler' })
    expect(prov.nodes[0]?.profile).toBe('profile-of-1')
    expect(prov.key).toBe(0)
  })

  it('sets nodes with replaced facts aside and puts them back in place, unchanged', async () => {
    const replaced = nodeObject(2, { replacedProvisioningInfo: { uid: '2', profile: 'mine' } })
    const nodes = [nodeObject(1), replaced, nodeObject(3)]
    const result = await provision(cluster(['plus', 'per_object']), nodes, provisioning(['1', '2', '3']))
    expect(seen).toEqual([
      { pipeline: 'plus1', uids: ['1', '3'], nodeIds: [1, 3], kwargs: { ignoreCustomized: false } },
    ])
    expect(result.nodes.map((n) => [n.uid, n.profile])).toEqual([
      ['1', 'profile-of-1'],
      ['2', 'ubuntu'],
      ['3', 'profile-of-3'],
    ])
  })

  it('passes every node with ignoreCustomized (the /defaults endpoints)', async () => {
    const replaced = nodeObject(1, { replacedDeploymentInfo: [{ uid: '1', role: 'compute' }] })
    await deploy(cluster(['stamp']), [replaced, nodeObject(2)], deployment(['1', '2']), { ignoreCustomized: true })
    await deploy(cluster(['stamp']), [replaced, nodeObject(2)], deployment(['1', '2']))
    expect(seen.map((s) => s.uids)).toEqual([['1', '2'], ['2']])
  })

  it('names the extension and the pipeline method when a critical pipeline fails', async () => {
    await expect(deploy(cluster(['exploding']), [nodeObject(1)], deployment(['1']))).rejects.toMatchObject({
      message: "Extension 'exploding' failed in ExplodingPipeline.processDeploymentForNode: no disks",
      status: 500,
    })
  })

  it('skips a failing non-critical pipeline and keeps the facts as they were', async () => {
    const result = await deploy(cluster(['soft_exploding', 'stamp']), [nodeObject(1)], deployment(['1']))
    expect(result).toEqual({ ...deployment(['1']), time_started: 'now' })
  })

  it('records each stage: extension, pipeline, method, calls and duration', async () => {
    const trace: PipelineStageRecord[] = []
    await deploy(cluster(['per_object', 'stamp']), [nodeObject(1), nodeObject(2)], deployment(['1', '2']), { trace })
    expect(trace.map(({ durationMs, ...rest }) => ({ ...rest, timed: durationMs >= 0 }))).toEqual([
      {
        stage: 'deployment',
        extension: 'per_object',
        pipeline: 'PerObjectPipeline',
        method: 'processDeploymentForCluster',
        calls: 1,
        timed: true,
      },
      {
        stage: 'deployment',
        extension: 'per_object',
        pipeline: 'PerObjectPipeline',
        method: 'processDeploymentForNode',
        calls: 2,
        timed: true,
      },
      {
        stage: 'deployment',
        extension: 'stamp',
        pipeline: 'StampPipeline',
        method: 'processDeployment',
        calls: 1,
        timed: true,
      },
    ])
  })
})
