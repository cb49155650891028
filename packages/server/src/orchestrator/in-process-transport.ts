/**
 * The embedded transport (the default): casts go to a simulated orchestrator in this process and
 * its responses are handed straight to the handler. A response whose handler rejects is retried
 * with backoff; the task's simulation waits meanwhile, so its later responses cannot overtake it.
 *
 * Nothing is persisted: responses still undelivered when the process stops are lost, as with
 * Nailgun's fake mode. Use the AMQP transport when that matters.
 */
import { assertCast } from './envelope.js'
import { type OrchestratorLog, silentLog } from './log.js'
import { type BackoffOptions, retryUntilDone } from './retry.js'
import { SimulatedOrchestrator } from './simulated-orchestrator.js'
import type {
  OrchestratorMessage,
  OrchestratorResponse,
  OrchestratorTransport,
  ResponseHandler,
  SimulatorOptions,
  TransportHealth,
} from './types.js'

export interface InProcessTransportOptions {
  simulator?: SimulatorOptions
  /** Backoff between deliveries of a response whose handler rejected. */
  retry?: BackoffOptions
  log?: OrchestratorLog
}

export class InProcessTransport implements OrchestratorTransport {
  readonly kind = 'in-process'
  private simulator: SimulatedOrchestrator | null = null
  private readonly shutdown = new AbortController()
  private readonly log: OrchestratorLog

  constructor(private readonly options: InProcessTransportOptions = {}) {
    this.log = options.log ?? silentLog
  }

  async start(onResponse: ResponseHandler): Promise<void> {
    if (this.simulator || this.shutdown.signal.aborted) throw new Error('The in-process transport was already started')
    this.simulator = new SimulatedOrchestrator({
      ...this.options.simulator,
      log: this.log,
      emit: (response) => this.deliver(onResponse, response),
    })
  }

  async cast(messages: OrchestratorMessage[]): Promise<void> {
    assertCast(messages)
    if (!this.simulator || this.shutdown.signal.aborted) throw new Error('The in-process transport is not running')
    this.simulator.accept(messages)
  }

  async close(): Promise<void> {
    this.shutdown.abort(new Error('The in-process transport is closed'))
    await this.simulator?.close()
  }

  async health(): Promise<TransportHealth> {
    if (this.shutdown.signal.aborted) return { ok: false, detail: 'closed' }
    if (!this.simulator) return { ok: false, detail: 'not started' }
    return { ok: true, detail: `simulated orchestrator, ${this.simulator.active} task(s) active` }
  }

  private deliver(onResponse: ResponseHandler, response: OrchestratorResponse): Promise<void> {
    return retryUntilDone(
      () => onResponse(response),
      this.shutdown.signal,
      this.options.retry,
      (error, attempt) => {
        this.log.warn(
          { err: error, attempt, task_uuid: response.args.task_uuid, method: response.method },
          'Applying an orchestrator response failed; it will be delivered again',
        )
      },
    )
  }
}
