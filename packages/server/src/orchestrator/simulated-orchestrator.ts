/**
 * A simulated Astute, like Nailgun's fake mode: it accepts casts and answers each message with a
 * realistic sequence of responses over time. Messages of one cast run one after another; when one
 * ends in error the rest answer "Task aborted". Casts run concurrently with each other.
 *
 * Each response is handed to `emit`, and the task waits until `emit` resolves before its next step:
 * that keeps the responses of a task in order and lets a slow consumer slow the simulation down.
 */
import { setImmediate as setImmediatePromise } from 'node:timers/promises'
import { type OrchestratorLog, silentLog } from './log.js'
import { scenarioFor } from './sim-scenarios.js'
import { ABORTED_ERROR, type Outcome, type RunHost, SimulationClosed, STOPPED_ERROR, TaskRun } from './sim-task.js'
import type { InjectedFailure, OrchestratorMessage, OrchestratorResponse, SimulatorOptions } from './types.js'

export interface SimulatedOrchestratorOptions extends SimulatorOptions {
  /** Takes one response. Should reject only once its owner is shutting down. */
  emit: (response: OrchestratorResponse) => Promise<void>
  log?: OrchestratorLog
  /** How many finished task uuids are remembered, to ignore a cast delivered twice. */
  rememberFinished?: number
}

export const DEFAULT_STEPS = 5

export class SimulatedOrchestrator {
  private readonly runs = new Map<string, TaskRun>()
  private readonly recentlyFinished = new Set<string>()
  private readonly chains = new Set<Promise<void>>()
  private readonly failuresByStage = new Map<InjectedFailure['stage'], Map<string, string>>()
  private readonly host: RunHost
  private readonly log: OrchestratorLog
  private readonly remember: number
  private closed = false

  constructor(private readonly options: SimulatedOrchestratorOptions) {
    this.log = options.log ?? silentLog
    this.remember = options.rememberFinished ?? 10_000
    for (const failure of options.failures ?? []) this.failuresOf(failure.stage).set(failure.uid, failureText(failure))
    this.host = this.makeHost()
  }

  /** Number of tasks running or queued. */
  get active(): number {
    return this.runs.size
  }

  /**
   * Starts simulating a cast. Messages whose task is already known (running, queued, or recently
   * finished) are skipped: a broker may deliver the same cast twice. Returns how many were taken.
   */
  accept(messages: readonly OrchestratorMessage[]): number {
    if (this.closed) throw new SimulationClosed()
    const chain: TaskRun[] = []
    for (const message of messages) {
      const uuid = message.args.task_uuid
      if (this.runs.has(uuid) || this.recentlyFinished.has(uuid)) continue
      const run = new TaskRun(message, this.host, chain)
      chain.push(run)
      this.runs.set(uuid, run)
    }
    // Start on a later turn of the event loop: the caller of `cast` must not see responses (and
    // re-enter its handler) before its own call has returned.
    if (chain.length > 0) this.track(setImmediatePromise().then(() => this.runChain(chain)))
    return chain.length
  }

  /** Resolves when no simulation is running. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all(this.chains)
  }

  /** Interrupts every simulation (no further responses) and waits for them to unwind. */
  async close(): Promise<void> {
    this.closed = true
    for (const run of this.runs.values()) run.interruptStep()
    await this.idle()
  }

  private makeHost(): RunHost {
    const self = this
    return {
      steps: Math.max(1, this.options.steps ?? DEFAULT_STEPS),
      stepMs: Math.max(0, this.options.stepMs ?? 0),
      get closed() {
        return self.closed
      },
      emit: (response) => this.options.emit(response),
      failures: (stage) => this.failuresOf(stage),
      stop: (uuid, requester) => this.stop(uuid, requester),
    }
  }

  private track(chain: Promise<void>): void {
    this.chains.add(chain)
    void chain.finally(() => this.chains.delete(chain))
  }

  private async runChain(chain: readonly TaskRun[]): Promise<void> {
    let failed = false
    for (const run of chain) {
      const outcome: Outcome = this.closed ? 'error' : await this.execute(run, failed)
      failed ||= outcome !== 'ready'
      this.forget(run)
    }
  }

  private async execute(run: TaskRun, previousFailed: boolean): Promise<Outcome> {
    try {
      if (run.stopRequested) return await sendError(run, STOPPED_ERROR)
      if (previousFailed) return await sendError(run, ABORTED_ERROR)
      return await scenarioFor(run.message.method)(run)
    } catch (error) {
      // While closing, a consumer that gave up is expected: no crash to report.
      if (!(error instanceof SimulationClosed) && !this.closed) await this.reportCrash(run, error)
      return 'error'
    }
  }

  /** A bug in a scenario or a dead consumer must not leave the task running forever. */
  private async reportCrash(run: TaskRun, error: unknown): Promise<void> {
    this.log.error({ err: error, task_uuid: run.uuid, method: run.message.method }, 'Simulation failed')
    await sendError(run, `Simulated orchestrator failed: ${(error as Error)?.message ?? error}`).catch(() => {})
  }

  private forget(run: TaskRun): void {
    this.runs.delete(run.uuid)
    this.recentlyFinished.add(run.uuid)
    if (this.recentlyFinished.size > this.remember) {
      this.recentlyFinished.delete(this.recentlyFinished.values().next().value as string)
    }
    run.finish()
  }

  /**
   * Stops a task and waits for its last response. A task still queued behind others of its cast
   * would only end once those finish, so the task running in that cast is stopped too.
   */
  private async stop(uuid: string, requester: TaskRun): Promise<void> {
    const target = this.runs.get(uuid)
    if (!target || target === requester) return
    target.requestStop()
    const current = target.chain.find((run) => this.runs.has(run.uuid))
    if (current && current !== target) current.requestStop()
    await target.finished
  }

  private failuresOf(stage: InjectedFailure['stage']): Map<string, string> {
    const existing = this.failuresByStage.get(stage)
    if (existing) return existing
    const created = new Map<string, string>()
    this.failuresByStage.set(stage, created)
    return created
  }
}

function failureText(failure: InjectedFailure): string {
  return failure.message ?? `Injected ${failure.stage} failure`
}

async function sendError(run: TaskRun, error: string): Promise<Outcome> {
  await run.send({ status: 'error', progress: 100, error })
  return 'error'
}
