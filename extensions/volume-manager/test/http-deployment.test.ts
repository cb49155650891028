import { databases, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  API,
  assign,
  createCluster,
  discoverNode,
  SMALL_DISK,
  settledTask,
  volumeManagerApp,
  volumeRows,
} from './support/http.js'

// biome-ignore lint/suspicious/noExplicitAny: facts are nested JSON read by path
type Facts = Record<string, any>

/** `GET .../deployment/defaults?split=1`: the node entries, then `{uid: 'common', ...}`. */
async function deploymentDefaults(t: TestApp, clusterId: number): Promise<{ common: Facts; nodes: Facts[] }> {
  const res = await t.get(`${API}/clusters/${clusterId}/orchestrator/deployment/defaults?split=1`)
  expect(res.status, res.text).toBe(200)
  const entries = res.body as Facts[]
  return {
    common: entries.find((entry) => entry.uid === 'common') ?? {},
    nodes: entries.filter((entry) => entry.uid !== 'common'),
  }
}

describe.each(databases())('volume_manager in deployments on %s', (database) => {
  let t: TestApp

  beforeAll(async () => {
    t = await volumeManagerApp(database)
  })

  afterAll(async () => {
    await t?.close()
  })

  it('refuses to deploy nodes whose disks are too small, one line per node', async () => {
    const clusterId = await createCluster(t)
    const small = await discoverNode(t, { disks: SMALL_DISK })
    const alsoSmall = await discoverNode(t, { disks: SMALL_DISK })
    const fine = await discoverNode(t)
    await assign(t, clusterId, small.id, ['controller'])
    await assign(t, clusterId, alsoSmall.id, ['compute'])
    await assign(t, clusterId, fine.id, ['compute'])

    const res = await t.put(`${API}/clusters/${clusterId}/changes`)
    expect(res.status, res.text).toBeLessThan(300)
    const task = await settledTask(t, res.body.id)

    expect(task.status).toBe('error')
    const lines = (task.message ?? '').split('\n').filter((line) => line.includes('insufficient disk space'))
    expect(lines.map((line) => line.slice(line.indexOf('Node '))).sort()).toEqual(
      [
        `Node '${small.name}' has insufficient disk space`,
        `Node '${alsoSmall.name}' has insufficient disk space`,
      ].sort(),
    )
  })

  it('puts every node layout into the provisioning facts as ks_spaces', async () => {
    const clusterId = await createCluster(t)
    const controller = await discoverNode(t)
    const compute = await discoverNode(t)
    await assign(t, clusterId, controller.id, ['controller'])
    await assign(t, clusterId, compute.id, ['compute'])
    const stored = await volumeRows(t)

    const res = await t.get(`${API}/clusters/${clusterId}/orchestrator/provisioning/defaults`)

    expect(res.status, res.text).toBe(200)
    const byUid = new Map(res.body.nodes.map((n: Facts) => [n.uid, n]))
    for (const node of [controller, compute]) {
      const facts = byUid.get(String(node.id)) as Facts
      expect(facts.ks_meta.pm_data.ks_spaces).toEqual(stored.get(node.id)?.volumes)
    }
  })

  it('puts every node layout into the deployment facts as node_volumes, and sizes the image cache', async () => {
    const clusterId = await createCluster(t)
    const controller = await discoverNode(t)
    const compute = await discoverNode(t)
    await assign(t, clusterId, controller.id, ['controller'])
    await assign(t, clusterId, compute.id, ['compute'])
    const stored = await volumeRows(t)

    const { common, nodes } = await deploymentDefaults(t, clusterId)

    for (const node of [controller, compute]) {
      const facts = nodes.find((n) => n.uid === String(node.id)) as Facts
      expect(facts.node_volumes).toEqual(stored.get(node.id)?.volumes)
    }
    // 10% of the controller's Glance volume: the disks minus boot areas, LVM metadata and the OS.
    const glanceMb = 476940 + 953869 - 2 * (300 + 200 + 128) - (51200 + 8192)
    expect(common.glance.image_cache_max_size).toBe(String(Math.trunc(0.1 * (glanceMb * 1024 * 1024))))
  })

  it('sets no image cache when Glance keeps images in Ceph', async () => {
    const clusterId = await createCluster(t, { storage: { images_ceph: { value: true } } })
    const controller = await discoverNode(t)
    await assign(t, clusterId, controller.id, ['controller'])

    const { common } = await deploymentDefaults(t, clusterId)

    expect(common.glance.image_cache_max_size).toBe('0')
  })
})
