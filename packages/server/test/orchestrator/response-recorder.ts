/**
 * A response handler for tests that behaves like Nailgun's receiver: it applies each distinct
 * response once (delivery is at least once), can be told to fail or hold a delivery, and lets a
 * test wait for a condition instead of sleeping.
 */
import type { OrchestratorResponse, ResponseHandler } from '../../src/orchestrator/index.js'

type Interceptor = (response: OrchestratorResponse, attempt: number) => Promise<void> | void

interface Waiter {
  check: () => boolean
  resolve: () => void
}

export class ResponseRecorder {
  /** Every call to the handler, duplicates and failed attempts included. */
  readonly seen: OrchestratorResponse[] = []
  /** Each distinct response, once, in the order it was applied. */
  readonly applied: OrchestratorResponse[] = []
  private readonly appliedKeys = new Set<string>()
  private readonly attempts = new Map<string, number>()
  private readonly waiters = new Set<Waiter>()
  /** Runs before applying; throwing makes the handler reject. */
  intercept: Interceptor = () => {}

  readonly handler: ResponseHandler = async (response) => {
    const key = JSON.stringify(response)
    const attempt = (this.attempts.get(key) ?? 0) + 1
    this.attempts.set(key, attempt)
    this.seen.push(response)
    this.notify()
    await this.intercept(response, attempt)
    if (this.appliedKeys.has(key)) return
    this.appliedKeys.add(key)
    this.applied.push(response)
    this.notify()
  }

  appliedFor(taskUuid: string): OrchestratorResponse[] {
    return this.applied.filter((r) => r.args.task_uuid === taskUuid)
  }

  seenCount(response: OrchestratorResponse): number {
    return this.attempts.get(JSON.stringify(response)) ?? 0
  }

  /** Resolves when `check` holds (checked after every handler call). */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve()
    return new Promise((resolve) => this.waiters.add({ check, resolve }))
  }

  /** The applied `ready`/`error` response of a task, once there is one. */
  async final(taskUuid: string): Promise<OrchestratorResponse> {
    const find = () => this.appliedFor(taskUuid).find((r) => r.args.status === 'ready' || r.args.status === 'error')
    await this.until(() => find() !== undefined)
    return find()!
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.delete(waiter)
        waiter.resolve()
      }
    }
  }
}

/** A promise a test resolves by hand. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void
  const promise = new Promise<void>((resolve) => {
    open = resolve
  })
  return { promise, open }
}
