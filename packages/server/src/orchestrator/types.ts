/**
 * The Nailgun ↔ orchestrator (Astute) protocol: the message envelope Nailgun casts, the responses the
 * orchestrator sends back, and the transport contract both embedded and broker-backed transports keep.
 * Keys inside `args` are the wire format, so they stay snake_case.
 * @module
 */

/** One orchestrator call, as Nailgun's `make_astute_message` builds it. */
export interface OrchestratorMessage {
  api_version: '1'
  /** The orchestrator method, e.g. `image_provision`, `task_deploy`, `remove_nodes`. */
  method: string
  /** The receiver method the orchestrator answers with, e.g. `provision_resp`. */
  respond_to: string
  args: { task_uuid: string; [key: string]: unknown }
}

/** Task status as the orchestrator reports it. */
export type ReportedTaskStatus = 'running' | 'ready' | 'error'

/** One node's state inside a response. */
export interface NodeReport {
  uid: string
  status?: string
  progress?: number
  error_type?: string
  error_msg?: string
  online?: boolean
}

/** The arguments of a response (the receiver method's keyword arguments in Nailgun). */
export interface OrchestratorResponseArgs {
  task_uuid: string
  status?: ReportedTaskStatus
  progress?: number
  error?: string
  nodes?: NodeReport[]
  [key: string]: unknown
}

/** One response: `method` is the message's `respond_to`. */
export interface OrchestratorResponse {
  method: string
  args: OrchestratorResponseArgs
}

/** Applies a response; resolves only once the change is durable (committed). */
export type ResponseHandler = (response: OrchestratorResponse) => Promise<void>

export interface TransportHealth {
  ok: boolean
  detail?: string
}

/**
 * How Nailgun talks to an orchestrator.
 *
 * Contract:
 * - `onResponse` resolves only after the response is durably applied; a transport never treats a
 *   response as delivered (acked) before that.
 * - When `onResponse` rejects, the response is delivered again later (never dropped), after a delay.
 * - Responses of one task reach `onResponse` in the order the orchestrator sent them. Delivery is
 *   at least once, so handlers must tolerate seeing the same response twice.
 * - One `cast` is one unit of work: its messages run one after another, and when one fails the
 *   following ones end in error ("Task aborted"), as Astute does with Nailgun's multi-message casts.
 */
export interface OrchestratorTransport {
  readonly kind: 'in-process' | 'amqp'
  /** Starts receiving responses. Must be called once, before `cast`. */
  start(onResponse: ResponseHandler): Promise<void>
  /** Hands messages to the orchestrator; resolves once they are safely accepted. */
  cast(messages: OrchestratorMessage[]): Promise<void>
  /** Stops receiving and releases timers and connections. Idempotent. */
  close(): Promise<void>
  health(): Promise<TransportHealth>
}

/** A failure the simulated orchestrator injects for one node at one stage. */
export interface InjectedFailure {
  uid: string
  stage: 'provision' | 'deploy' | 'remove'
  message?: string
}

/** Behaviour of the simulated orchestrator. */
export interface SimulatorOptions {
  /** Delay between progress steps in ms; 0 runs as fast as possible, still asynchronously. */
  stepMs?: number
  /** Progress steps per node and stage. */
  steps?: number
  failures?: InjectedFailure[]
}
