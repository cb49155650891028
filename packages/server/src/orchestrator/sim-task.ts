/**
 * One simulated task: what a scenario (provision, deploy, ...) sees while it runs, and the handle
 * the simulated orchestrator keeps to stop it or wait for it.
 */
import { setTimeout as delay } from 'node:timers/promises'
import type { InjectedFailure, OrchestratorMessage, OrchestratorResponse, OrchestratorResponseArgs } from './types.js'

/** Thrown inside a simulation when the simulator closes: the task ends without a final response. */
export class SimulationClosed extends Error {
  constructor() {
    super('The simulated orchestrator is closed')
    this.name = 'SimulationClosed'
  }
}

/** The error of a task that `stop_deploy_task` interrupted. */
export const STOPPED_ERROR = 'Task was stopped'
/** The error of a task that was not run because an earlier message of its cast failed. */
export const ABORTED_ERROR = 'Task aborted'

export type Outcome = 'ready' | 'error'
export type ResponseFields = Omit<OrchestratorResponseArgs, 'task_uuid'>

/** What a scenario may do. */
export interface SimTask {
  readonly message: OrchestratorMessage
  readonly steps: number
  /** True once `stop_deploy_task` targeted this task. */
  readonly stopRequested: boolean
  /** Sends one response for this task; resolves when the transport took it. */
  send(fields: ResponseFields): Promise<void>
  /** Waits one step (ends early when stopped); throws SimulationClosed when the simulator closes. */
  step(): Promise<void>
  /** Injected failures of a stage: uid → message. */
  failures(stage: InjectedFailure['stage']): ReadonlyMap<string, string>
  /** Stops another task and waits until it has sent its last response. */
  stop(taskUuid: string): Promise<void>
}

/** What the simulated orchestrator provides to each run. */
export interface RunHost {
  readonly steps: number
  readonly stepMs: number
  readonly closed: boolean
  emit(response: OrchestratorResponse): Promise<void>
  failures(stage: InjectedFailure['stage']): ReadonlyMap<string, string>
  stop(taskUuid: string, requester: TaskRun): Promise<void>
}

export class TaskRun implements SimTask {
  stopRequested = false
  readonly finished: Promise<void>
  private markFinished!: () => void
  // Aborted by a stop request or by the simulator closing: either way the current step ends now.
  private readonly interrupt = new AbortController()

  constructor(
    readonly message: OrchestratorMessage,
    private readonly host: RunHost,
    /** The runs of the same cast, so stopping a queued task also stops the one running before it. */
    readonly chain: TaskRun[],
  ) {
    this.finished = new Promise((resolve) => {
      this.markFinished = resolve
    })
  }

  get uuid(): string {
    return this.message.args.task_uuid
  }

  get steps(): number {
    return this.host.steps
  }

  async send(fields: ResponseFields): Promise<void> {
    if (this.host.closed) throw new SimulationClosed()
    await this.host.emit({ method: this.message.respond_to, args: { ...fields, task_uuid: this.uuid } })
  }

  async step(): Promise<void> {
    if (!this.interrupt.signal.aborted) {
      await delay(this.host.stepMs, undefined, { signal: this.interrupt.signal }).catch(() => {})
    }
    if (this.host.closed) throw new SimulationClosed()
  }

  failures(stage: InjectedFailure['stage']): ReadonlyMap<string, string> {
    return this.host.failures(stage)
  }

  stop(taskUuid: string): Promise<void> {
    return this.host.stop(taskUuid, this)
  }

  requestStop(): void {
    this.stopRequested = true
    this.interrupt.abort()
  }

  /** Ends the current step at once (the simulator is closing). */
  interruptStep(): void {
    this.interrupt.abort()
  }

  finish(): void {
    this.markFinished()
  }
}
