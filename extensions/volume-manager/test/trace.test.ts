import { databases, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API, assign, createCluster, discoverNode, volumeManagerApp } from './support/http.js'

// biome-ignore lint/suspicious/noExplicitAny: traces are nested JSON read by path
type Loose = Record<string, any>

describe.each(databases())('volume_manager in facts traces on %s', (database) => {
  let t: TestApp
  let clusterId: number
  let compute: Loose

  beforeAll(async () => {
    t = await volumeManagerApp(database)
    clusterId = await createCluster(t)
    const controller = await discoverNode(t)
    compute = await discoverNode(t)
    await assign(t, clusterId, controller.id, ['controller'])
    await assign(t, clusterId, compute.id, ['compute'])
  })

  afterAll(async () => {
    await t?.close()
  })

  it('shows its deployment stages in order, each with the JSON Patch it applied', async () => {
    const res = await t.get(`${API}/clusters/${clusterId}/orchestrator/deployment/trace`)

    expect(res.status, res.text).toBe(200)
    const stages = res.body.stages as Loose[]
    expect(stages.map((s) => `${s.extension}@${s.version} ${s.pipeline}.${s.method}`)).toEqual([
      'volume_manager@1.0.0 NodeVolumesPipeline.processDeploymentForNode',
      'volume_manager@1.0.0 SetImageCacheMaxSizePipeline.processDeployment',
    ])
    expect(stages[0]?.patch.map((op: Loose) => `${op.op} ${op.path}`)).toEqual([
      'add /nodes/0/node_volumes',
      'add /nodes/1/node_volumes',
    ])
    // Core sets no `glance` without Ceph: the pipeline adds the whole object.
    expect(stages[1]?.patch).toEqual([
      { op: 'add', path: '/common/glance', value: { image_cache_max_size: expect.stringMatching(/^\d+$/) } },
    ])
    expect(res.body.blame).toEqual({
      '/nodes/0/node_volumes': 'volume_manager@1.0.0',
      '/nodes/1/node_volumes': 'volume_manager@1.0.0',
      '/common/glance': 'volume_manager@1.0.0',
    })
  })

  it('names itself as the author of the image cache size, and core for the rest', async () => {
    const url = `${API}/clusters/${clusterId}/orchestrator/deployment/trace?blame=`
    const cache = await t.get(`${url}/common/glance/image_cache_max_size`)
    const fqdn = await t.get(`${url}/nodes/1/fqdn`)

    expect(cache.body).toMatchObject({
      setBy: 'volume_manager@1.0.0',
      at: '/common/glance',
      pipeline: 'SetImageCacheMaxSizePipeline',
      exists: true,
    })
    expect(fqdn.body).toMatchObject({ setBy: 'core', exists: true, value: compute.fqdn })
  })

  it('shows the provisioning layouts it put under ks_meta', async () => {
    const res = await t.get(
      `${API}/clusters/${clusterId}/orchestrator/provisioning/trace?blame=/nodes/1/ks_meta/pm_data/ks_spaces/0`,
    )

    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ setBy: 'volume_manager@1.0.0', at: '/nodes/1/ks_meta/pm_data/ks_spaces' })
  })
})
