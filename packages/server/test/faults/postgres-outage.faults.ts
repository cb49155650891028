/**
 * PostgreSQL "restarted" under the server (through a TCP proxy, never the real service): during
 * the outage requests fail fast with an error instead of hanging; afterwards the server reconnects
 * by itself, agents check in without duplicates, and a deployment caught by the outage ends
 * (never left running) and can be run again to the end.
 */
import {
  createTestApp,
  createTestDatabase,
  deployCluster,
  registerNode,
  type TestApp,
  type TestDatabase,
  waitFor,
  waitForTask,
} from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js'

describe('PostgreSQL restarting under a running server', () => {
  let proxy: TcpProxy
  let db: TestDatabase
  let t: TestApp
  beforeAll(async () => {
    proxy = await startTcpProxy(5432)
    db = await createTestDatabase('postgres')
    const url = new URL(db.url)
    url.port = String(proxy.port)
    t = await createTestApp({ database: 'postgres', config: { databaseUrl: url.toString(), simulatorStepMs: 30 } })
  })
  afterAll(async () => {
    await t?.close()
    await proxy?.close()
    await db?.drop()
  })

  async function outage(ms: number): Promise<void> {
    await proxy.cut()
    await new Promise((r) => setTimeout(r, ms))
    await proxy.restore()
  }

  it('fails requests fast during the outage and serves again afterwards', async () => {
    const node = await registerNode(t)
    await proxy.cut()
    const started = Date.now()
    const during = await t.get(`/api/v1/nodes/${node.id}`)
    expect(during.status).toBeGreaterThanOrEqual(500)
    expect(Date.now() - started).toBeLessThan(10_000)
    await proxy.restore()
    const after = await waitFor('the server to reconnect', async () => {
      const res = await t.get(`/api/v1/nodes/${node.id}`)
      return res.status === 200 ? res : undefined
    })
    expect(after.body.id).toBe(node.id)
    expect((await t.put('/api/v1/nodes/agent', { mac: node.mac, meta: node.meta })).status).toBe(200)
    expect(((await t.get('/api/v1/nodes')).body as unknown[]).length).toBe(1)
  })

  it('ends a deployment the outage interrupted, and deploys again to the end', async () => {
    const { cluster, task } = await deployCluster(t)
    await waitFor('the deployment to start', async () => {
      const res = await t.get(`/api/v1/tasks/${task.id}`)
      return res.status === 200 && res.body.progress > 0 ? true : undefined
    })
    await outage(1500)
    const ended = await waitForTask(t, task.id, { timeoutMs: 60_000, intervalMs: 100 })
    expect(['ready', 'error']).toContain(ended.status)
    const tasks = (await t.get(`/api/v1/tasks?cluster_id=${cluster.id}`)).body as { status: string }[]
    expect(tasks.filter((x) => x.status === 'running' || x.status === 'pending')).toEqual([])
    if (ended.status === 'error') {
      const retry = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
      expect(retry.status).toBe(202)
      expect(await waitForTask(t, retry.body.id, { timeoutMs: 60_000 })).toMatchObject({ status: 'ready' })
    }
    expect((await t.get(`/api/v1/clusters/${cluster.id}`)).body.status).toBe('operational')
  })
})
