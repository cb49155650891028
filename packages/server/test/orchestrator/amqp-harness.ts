/**
 * The AMQP transport under test: the API-side transport plus a worker, on a private set of
 * exchanges and queues on the machine's RabbitMQ, deleted afterwards. RabbitMQ is required: when
 * it is unreachable the tests fail, they are never skipped.
 */

import { randomBytes } from 'node:crypto'
import { TEST_AMQP_URL } from '@nailgun/testing'

export { TEST_AMQP_URL }

import {
  AmqpTransport,
  type AmqpTransportOptions,
  deleteTopology,
  type OrchestratorWorker,
  resolveAmqpNames,
  type SimulatorOptions,
  startOrchestratorWorker,
} from '../../src/orchestrator/index.js'

export interface AmqpHarness {
  transport: AmqpTransport
  worker: OrchestratorWorker | null
  prefix: string
  startWorker(): Promise<OrchestratorWorker>
  dispose(): Promise<void>
}

export async function amqpHarness(
  simulator: SimulatorOptions,
  options: { worker?: boolean; transport?: Partial<AmqpTransportOptions> } = {},
): Promise<AmqpHarness> {
  const prefix = `ng-test-${randomBytes(6).toString('hex')}`
  const transport = new AmqpTransport({
    url: TEST_AMQP_URL,
    prefix,
    nackDelayMs: 20,
    connectAttempts: 1,
    ...options.transport,
  })
  const harness: AmqpHarness = {
    transport,
    worker: null,
    prefix,
    async startWorker() {
      harness.worker = await startOrchestratorWorker({ url: TEST_AMQP_URL, prefix, simulator, connectAttempts: 1 })
      return harness.worker
    },
    async dispose() {
      await transport.close()
      await harness.worker?.close()
      await deleteTopology(TEST_AMQP_URL, resolveAmqpNames({ prefix }))
    },
  }
  if (options.worker !== false) await harness.startWorker()
  return harness
}
