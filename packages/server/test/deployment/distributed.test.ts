/**
 * Two API servers on one PostgreSQL database and one orchestrator worker on RabbitMQ (private
 * exchange and queue names): a deployment started through one server is followed through the
 * other, whichever server applies each response. PostgreSQL and RabbitMQ are required: when
 * either is down, this fails.
 */

import { randomBytes } from 'node:crypto'
import { createTestApp, prepareCluster, TEST_AMQP_URL, type TestApp, waitForGone, waitForTask } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AmqpTransport,
  deleteTopology,
  type OrchestratorWorker,
  resolveAmqpNames,
  startOrchestratorWorker,
} from '../../src/orchestrator/index.js'
import { clusterOf, nodesOf, notificationMessages } from './helpers.js'

const AMQP_URL = TEST_AMQP_URL

describe('two API servers, one orchestrator worker, PostgreSQL and RabbitMQ', () => {
  const prefix = `ng-deploy-${randomBytes(6).toString('hex')}`
  let a: TestApp
  let b: TestApp
  let worker: OrchestratorWorker

  const transport = () => new AmqpTransport({ url: AMQP_URL, prefix, connectAttempts: 1 })

  beforeAll(async () => {
    worker = await startOrchestratorWorker({ url: AMQP_URL, prefix, simulator: { stepMs: 20 }, connectAttempts: 1 })
    a = await createTestApp({ database: 'postgres', config: { orchestrator: 'amqp' }, orchestrator: transport() })
    const shared = { databaseUrl: a.app.ctx.config.databaseUrl, orchestrator: 'amqp' as const }
    b = await createTestApp({ database: 'postgres', config: shared, orchestrator: transport() })
  })

  afterAll(async () => {
    await b?.close()
    await a?.close()
    await worker?.close()
    await deleteTopology(AMQP_URL, resolveAmqpNames({ prefix }))
  })

  it('deploys through server A, is followed through server B and ends operational', async () => {
    const { cluster, nodes } = await prepareCluster(a)
    const started = await a.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(started.status).toBe(202)
    // Meanwhile server B refuses a second deployment: the running task is in the shared database.
    expect((await b.put(`/api/v1/clusters/${cluster.id}/changes`)).status).toBe(400)

    expect(await waitForTask(b, started.body.id)).toMatchObject({ status: 'ready', progress: 100 })
    expect(await clusterOf(b, cluster.id)).toMatchObject({ status: 'operational' })
    expect((await nodesOf(b, cluster.id)).map((n) => [n.id, n.status])).toEqual(nodes.map((n) => [n.id, 'ready']))
    const done = (await notificationMessages(b)).filter(
      (m) => m === `Deployment of environment '${cluster.name}' is done.`,
    )
    expect(done).toHaveLength(1)
  })

  it('deletes the environment through server B while server A watches it go', async () => {
    const { cluster } = await prepareCluster(a, [['controller']])
    const started = await a.put(`/api/v1/clusters/${cluster.id}/changes`)
    await waitForTask(b, started.body.id)
    const deletion = await b.delete(`/api/v1/clusters/${cluster.id}`)
    expect(deletion.status).toBe(202)
    await waitForGone(a, `/api/v1/clusters/${cluster.id}`)
  })
})
