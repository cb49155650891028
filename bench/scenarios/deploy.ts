/**
 * A full deployment (`PUT /clusters/<id>/changes`: provisioning then deployment) of N nodes at
 * the simulator's top speed, through the in-process orchestrator or through RabbitMQ with one
 * worker. Measured at N and N/4: a step quadratic in the nodes would show as a ratio far above 4.
 */
import { randomBytes } from 'node:crypto'
import {
  AmqpTransport,
  deleteTopology,
  resolveAmqpNames,
  startOrchestratorWorker,
} from '../../packages/server/src/orchestrator/index.js'
import { benchApp } from '../lib/app.js'
import { assignAll, seedNodes } from '../lib/seed.js'
import { timed } from '../lib/stats.js'

export const AMQP_URL = process.env.NAILGUN_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'

export type Transport = 'in-process' | 'amqp'

async function deployOnce(database: 'sqlite' | 'postgres', nodes: number, transport: Transport) {
  const prefix = `ng-bench-${randomBytes(6).toString('hex')}`
  const amqp = transport === 'amqp' ? new AmqpTransport({ url: AMQP_URL, prefix, connectAttempts: 1 }) : undefined
  const worker = amqp
    ? await startOrchestratorWorker({ url: AMQP_URL, prefix, simulator: { stepMs: 0 }, connectAttempts: 1 })
    : undefined
  const t = await benchApp(database, [], {}, amqp)
  try {
    const cluster = await assignAll(t, await seedNodes(t, nodes))
    const run = await timed(async () => {
      const res = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
      if (res.status !== 202) throw new Error(`PUT /changes: ${res.status} ${res.text.slice(0, 300)}`)
      return waitDone(t, res.body.id)
    })
    if (run.value !== 'ready') throw new Error(`deployment of ${nodes} nodes ended ${run.value}`)
    return run.ms
  } finally {
    await t.close()
    await worker?.close()
    if (amqp) await deleteTopology(AMQP_URL, resolveAmqpNames({ prefix }))
  }
}

async function waitDone(t: Awaited<ReturnType<typeof benchApp>>, id: number): Promise<string> {
  for (;;) {
    const res = await t.get(`/api/v1/tasks/${id}`)
    const status = String(res.body?.status)
    if (status === 'ready' || status === 'error') return status
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export async function deployScenario(database: 'sqlite' | 'postgres', nodes: number, transport: Transport) {
  const quarter = await deployOnce(database, Math.max(1, Math.round(nodes / 4)), transport)
  const full = await deployOnce(database, nodes, transport)
  return { ms: full, quarterMs: quarter }
}
