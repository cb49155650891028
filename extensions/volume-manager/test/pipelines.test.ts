import type { DeploymentFacts, ProvisioningNodeFacts } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import { SetImageCacheMaxSizePipeline } from '../src/pipelines/image-cache-pipeline.js'
import { NodeVolumesPipeline } from '../src/pipelines/node-volumes-pipeline.js'
import { fakeContext } from './support/fake-context.js'
import { node } from './support/release-volumes.js'

const NODES = Array.from({ length: 1200 }, (_, i) =>
  node({ id: i + 1, clusterId: 7, pendingRoles: [i === 0 ? 'controller' : 'compute'] }),
)
/** Half the nodes have a stored layout, the others get their default. */
const ROWS = NODES.filter((n) => n.id % 2 === 0).map((n) => ({
  node_id: n.id,
  volumes: JSON.stringify([{ id: 'stored', node: n.id }]),
}))

const facts = (uid: number): ProvisioningNodeFacts => ({ uid: String(uid), hostname: 'h', fqdn: 'h.d', profile: 'p' })

describe('node volumes pipeline', () => {
  it('reads the stored layouts of a whole environment in a few queries, not one per node', async () => {
    const { ctx, calls } = fakeContext(NODES, ROWS)

    const results = []
    for (const n of NODES) results.push(await NodeVolumesPipeline.processProvisioningForNode(n, facts(n.id), ctx))

    expect(calls).toEqual({ selects: 3, clusters: 1, releases: 1, nodeLists: 1 })
    expect(results[1]!.ks_meta).toEqual({ pm_data: { ks_spaces: [{ id: 'stored', node: 2 }] } })
    const generated = (results[0]!.ks_meta as { pm_data: { ks_spaces: Array<{ id: string }> } }).pm_data.ks_spaces
    expect(generated.map((space) => space.id)).toEqual(['sda', 'os', 'image'])
  })

  it('keeps the provisioning facts already under ks_meta', async () => {
    const { ctx } = fakeContext(NODES, ROWS)
    const data = { ...facts(2), ks_meta: { pm_data: { kernel_params: 'console=tty0' }, timezone: 'UTC' } }

    await NodeVolumesPipeline.processProvisioningForNode(NODES[1]!, data, ctx)

    expect(data.ks_meta).toEqual({
      pm_data: { kernel_params: 'console=tty0', ks_spaces: [{ id: 'stored', node: 2 }] },
      timezone: 'UTC',
    })
  })

  it('shares one batch between the per-node calls of a context, whatever the facts', async () => {
    const { ctx, calls } = fakeContext(NODES, ROWS)

    for (const n of NODES.slice(0, 10)) {
      await NodeVolumesPipeline.processProvisioningForNode(n, facts(n.id), ctx)
      const deployment = { uid: String(n.id), roles: ['compute'], fqdn: 'h.d' }
      await NodeVolumesPipeline.processDeploymentForNode(n, deployment, ctx)
      expect(deployment).toHaveProperty('node_volumes')
    }

    expect(calls.selects).toBe(3)
  })
})

describe('image cache pipeline', () => {
  it('sizes the cache from the controllers only, reading just their layouts', async () => {
    const { ctx, calls } = fakeContext(NODES, [])
    const data: DeploymentFacts = { common: { glance: { api_port: 9292 } }, nodes: [] }
    const cluster = { id: 7, attributes: {} } as never

    const result = await SetImageCacheMaxSizePipeline.processDeployment(data, cluster, NODES, {
      ctx,
      ignoreCustomized: true,
    })

    // One controller with the default 1 TB disk: 10% of its Glance volume.
    const glanceMb = 953869 - 300 - 200 - 128 - (51200 + 4096)
    expect(result.common.glance).toEqual({
      api_port: 9292,
      image_cache_max_size: String(Math.trunc(0.1 * (glanceMb * 1024 * 1024))),
    })
    expect(calls.selects).toBe(1)
  })

  it("sets '0' when Glance keeps images in Ceph", async () => {
    const { ctx } = fakeContext(NODES, [])
    const cluster = { id: 7, attributes: { editable: { storage: { images_ceph: { value: true } } } } } as never

    const result = await SetImageCacheMaxSizePipeline.processDeployment({ common: {}, nodes: [] }, cluster, NODES, {
      ctx,
      ignoreCustomized: true,
    })

    expect(result.common).toEqual({ glance: { image_cache_max_size: '0' } })
  })
})
