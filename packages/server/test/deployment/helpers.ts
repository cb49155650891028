/**
 * Orchestrator doubles for the deployment tests: a manual one (records casts, answers only when
 * the test says so: deterministic "while it runs" scenarios) and a recording wrapper around the
 * simulated orchestrator (checks the wire format of what was cast).
 */
import type { TestApp } from '@nailgun/testing'
import type {
  OrchestratorMessage,
  OrchestratorResponse,
  OrchestratorTransport,
  ResponseHandler,
  SimulatorOptions,
  TransportHealth,
} from '../../src/orchestrator/index.js'
import { InProcessTransport } from '../../src/orchestrator/index.js'

// biome-ignore lint/suspicious/noExplicitAny: JSON read loosely in tests
export type Loose = Record<string, any>

/** Never answers by itself: `respond()` delivers a response as the orchestrator would. */
export class ManualTransport implements OrchestratorTransport {
  readonly casts: OrchestratorMessage[][] = []
  private handler: ResponseHandler | undefined
  failNextCast: Error | undefined

  constructor(readonly kind: 'in-process' | 'amqp' = 'in-process') {}

  async start(onResponse: ResponseHandler): Promise<void> {
    this.handler = onResponse
  }

  async cast(messages: OrchestratorMessage[]): Promise<void> {
    const failure = this.failNextCast
    this.failNextCast = undefined
    if (failure) throw failure
    this.casts.push(messages)
  }

  async close(): Promise<void> {}

  async health(): Promise<TransportHealth> {
    return { ok: true }
  }

  get messages(): OrchestratorMessage[] {
    return this.casts.flat()
  }

  /** The last message cast with this method. */
  last(method: string): OrchestratorMessage {
    const found = this.messages.filter((m) => m.method === method).at(-1)
    if (!found) throw new Error(`nothing cast with method ${method}`)
    return found
  }

  respond(message: OrchestratorMessage, args: Omit<OrchestratorResponse['args'], 'task_uuid'>): Promise<void> {
    if (!this.handler) throw new Error('transport not started')
    return this.handler({ method: message.respond_to, args: { ...args, task_uuid: message.args.task_uuid } })
  }
}

/** The simulated orchestrator, remembering every cast. */
export class RecordingTransport extends InProcessTransport {
  readonly casts: OrchestratorMessage[][] = []

  constructor(simulator: SimulatorOptions = {}) {
    super({ simulator })
  }

  override async cast(messages: OrchestratorMessage[]): Promise<void> {
    this.casts.push(structuredClone(messages))
    await super.cast(messages)
  }

  get messages(): OrchestratorMessage[] {
    return this.casts.flat()
  }
}

export async function clusterOf(t: TestApp, id: number): Promise<Loose> {
  return (await t.get(`/api/v1/clusters/${id}`)).body
}

export async function nodesOf(t: TestApp, clusterId: number): Promise<Loose[]> {
  return (await t.get(`/api/v1/nodes?cluster_id=${clusterId}`)).body
}

export async function tasksOf(t: TestApp, clusterId: number): Promise<Loose[]> {
  return (await t.get(`/api/v1/tasks?cluster_id=${clusterId}`)).body
}

export async function notificationMessages(t: TestApp): Promise<string[]> {
  return ((await t.get('/api/v1/notifications')).body as Loose[]).map((n) => n.message)
}
