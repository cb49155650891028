/**
 * RabbitMQ "restarted" (through a TCP proxy, never the real broker) while a deployment runs on
 * PostgreSQL with an AMQP orchestrator worker: the server and the worker reconnect by themselves,
 * the deployment ends ready, and no orchestrator response is lost or applied twice (one "done"
 * notification, every node ready).
 */

import { randomBytes } from 'node:crypto'
import { createTestApp, prepareCluster, TEST_AMQP_URL, type TestApp, waitFor, waitForTask } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AmqpTransport,
  deleteTopology,
  type OrchestratorWorker,
  resolveAmqpNames,
  startOrchestratorWorker,
} from '../../src/orchestrator/index.js'
import { clusterOf, nodesOf, notificationMessages } from '../deployment/helpers.js'
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js'

const AMQP_URL = TEST_AMQP_URL

describe('RabbitMQ restarting during a deployment', () => {
  const prefix = `ng-faults-${randomBytes(6).toString('hex')}`
  let proxy: TcpProxy
  let worker: OrchestratorWorker
  let t: TestApp

  beforeAll(async () => {
    const broker = new URL(AMQP_URL)
    proxy = await startTcpProxy(Number(broker.port || 5672), broker.hostname)
    broker.port = String(proxy.port)
    const url = broker.toString()
    worker = await startOrchestratorWorker({ url, prefix, simulator: { stepMs: 40 }, connectAttempts: 1 })
    t = await createTestApp({
      database: 'postgres',
      config: { orchestrator: 'amqp' },
      orchestrator: new AmqpTransport({ url, prefix, connectAttempts: 1 }),
    })
  })
  afterAll(async () => {
    await t?.close()
    await worker?.close()
    await proxy?.close()
    await deleteTopology(AMQP_URL, resolveAmqpNames({ prefix }))
  })

  it('reconnects and finishes the deployment with every response applied once', async () => {
    const { cluster, nodes } = await prepareCluster(t)
    const started = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(started.status).toBe(202)
    await waitFor('the deployment to make progress', async () => {
      const res = await t.get(`/api/v1/tasks/${started.body.id}`)
      return res.body.progress > 0 ? true : undefined
    })
    await proxy.cut()
    // The broker is gone while the deployment is still under way.
    expect((await t.get(`/api/v1/tasks/${started.body.id}`)).body.status).toBe('running')
    await new Promise((r) => setTimeout(r, 2000))
    await proxy.restore()

    expect(await waitForTask(t, started.body.id, { timeoutMs: 90_000, intervalMs: 100 })).toMatchObject({
      status: 'ready',
      progress: 100,
    })
    expect(await clusterOf(t, cluster.id)).toMatchObject({ status: 'operational' })
    expect((await nodesOf(t, cluster.id)).map((n) => [n.id, n.status])).toEqual(nodes.map((n) => [n.id, 'ready']))
    const done = (await notificationMessages(t)).filter(
      (m) => m === `Deployment of environment '${cluster.name}' is done.`,
    )
    expect(done).toHaveLength(1)
  })
})
