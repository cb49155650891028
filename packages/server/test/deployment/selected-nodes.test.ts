import { createTestApp, databases, prepareCluster, type TestApp, waitForTask } from '@nailgun/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clusterOf, type Loose, nodesOf, notificationMessages } from './helpers.js'

describe.each(databases())('provisioning and deploying chosen nodes on %s', (database) => {
  let t: TestApp

  beforeEach(async () => {
    t = await createTestApp({ database })
  })
  afterEach(async () => {
    await t.close()
  })

  it('provisions, then deploys, the listed nodes only', async () => {
    const { cluster, nodes } = await prepareCluster(t)
    const [a, b, c] = nodes as [Loose, Loose, Loose]
    const provision = await t.put(`/api/v1/clusters/${cluster.id}/provision?nodes=${a.id},${b.id}`)
    expect(provision.status).toBe(202)
    expect(provision.body).toMatchObject({ name: 'provision', parent_id: null })
    expect(await waitForTask(t, provision.body.id)).toMatchObject({ status: 'ready' })
    expect((await nodesOf(t, cluster.id)).map((n) => n.status)).toEqual(['provisioned', 'provisioned', 'discover'])
    expect(await clusterOf(t, cluster.id)).toMatchObject({ status: 'partially_deployed' })
    expect(await notificationMessages(t)).toContain(`Provision of environment '${cluster.name}' is done.`)

    const refused = await t.put(`/api/v1/clusters/${cluster.id}/deploy?nodes=${c.id}`)
    expect(refused.status).toBe(400)
    expect(refused.body.message).toBe(`Nodes ${c.id} are not provisioned yet`)

    const deploy = await t.put(`/api/v1/clusters/${cluster.id}/deploy?nodes=${a.id},${b.id}`)
    expect(deploy.status).toBe(202)
    expect(deploy.body).toMatchObject({ name: 'deployment' })
    expect(await waitForTask(t, deploy.body.id)).toMatchObject({ status: 'ready' })
    const after = await nodesOf(t, cluster.id)
    expect(after.map((n) => [n.status, n.roles])).toEqual([
      ['ready', ['controller']],
      ['ready', ['compute']],
      ['discover', []],
    ])
    expect(await clusterOf(t, cluster.id)).toMatchObject({ status: 'partially_deployed' })

    // The rest through /changes: only the new node is provisioned and deployed.
    const changes = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(await waitForTask(t, changes.body.id)).toMatchObject({ status: 'ready' })
    expect(await clusterOf(t, cluster.id)).toMatchObject({ status: 'operational' })
  })

  it('refuses nodes of another environment, unknown ones and malformed lists with 400, starting nothing', async () => {
    const { cluster } = await prepareCluster(t, [['controller']])
    const other = (await prepareCluster(t, [['compute']])).nodes[0] as Loose
    for (const path of ['provision', 'deploy']) {
      const response = await t.put(`/api/v1/clusters/${cluster.id}/${path}?nodes=${other.id}`)
      expect(response.status).toBe(400)
      expect(response.body.message).toBe(`Nodes ${other.id} do not belong to cluster ${cluster.id}`)
      expect((await t.put(`/api/v1/clusters/${cluster.id}/${path}?nodes=x`)).status).toBe(400)
    }
    expect((await t.get('/api/v1/tasks')).body).toEqual([])
  })
})
