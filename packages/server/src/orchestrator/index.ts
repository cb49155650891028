/**
 * The orchestrator side of Nailgun: one transport interface, an embedded simulated orchestrator
 * (default) and the RabbitMQ transport with its standalone worker.
 *
 * @example
 * ```ts
 * const transport = createTransport({ kind: 'in-process', simulator: { stepMs: 500 } })
 * await transport.start(async (response) => receiver.apply(response)) // resolve after the commit
 * await transport.cast([provisionMessage, deploymentMessage])
 * ```
 * @module
 */
import type { Config } from '../config.js'
import { errors } from '../errors.js'
import type { AmqpNames } from './amqp-names.js'
import { AmqpTransport } from './amqp-transport.js'
import { InProcessTransport } from './in-process-transport.js'
import type { OrchestratorLog } from './log.js'
import type { OrchestratorTransport, SimulatorOptions } from './types.js'

export type { AmqpNames } from './amqp-names.js'
export { NAILGUN_ROUTING_KEY, NAILY_ROUTING_KEY, resolveAmqpNames } from './amqp-names.js'
export { deleteTopology } from './amqp-topology.js'
export { AmqpTransport, type AmqpTransportOptions } from './amqp-transport.js'
export { type OrchestratorWorker, type OrchestratorWorkerOptions, startOrchestratorWorker } from './amqp-worker.js'
export { InProcessTransport, type InProcessTransportOptions } from './in-process-transport.js'
export { consoleLog, type OrchestratorLog, silentLog } from './log.js'
export { type OrchestratorWorkerConfig, runOrchestratorWorker } from './run-orchestrator-worker.js'
export { ABORTED_ERROR, STOPPED_ERROR } from './sim-task.js'
export { SimulatedOrchestrator, type SimulatedOrchestratorOptions } from './simulated-orchestrator.js'
export type * from './types.js'

export interface TransportConfig {
  kind: 'in-process' | 'amqp'
  amqpUrl?: string
  /** The embedded simulation (in-process only: with AMQP the worker simulates). */
  simulator?: SimulatorOptions
  /** AMQP entity names; default `naily` / `nailgun`. */
  prefix?: string
  names?: Partial<AmqpNames>
  log?: OrchestratorLog
}

export function createTransport(config: TransportConfig): OrchestratorTransport {
  if (config.kind === 'in-process') return new InProcessTransport({ simulator: config.simulator, log: config.log })
  if (!config.amqpUrl) throw errors.config('An AMQP URL is required for the amqp orchestrator')
  return new AmqpTransport({ url: config.amqpUrl, prefix: config.prefix, names: config.names, log: config.log })
}

/** The transport settings of the server configuration. */
export function transportConfigOf(
  config: Pick<Config, 'orchestrator' | 'amqpUrl' | 'simulatorStepMs'>,
  log?: OrchestratorLog,
): TransportConfig {
  return { kind: config.orchestrator, amqpUrl: config.amqpUrl, simulator: { stepMs: config.simulatorStepMs }, log }
}
