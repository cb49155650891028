/** Retrying with exponential backoff until success or until the owner shuts down. */
import { setTimeout as delay } from 'node:timers/promises'

export interface BackoffOptions {
  /** First delay after a failure, in ms. */
  initialDelayMs?: number
  /** Longest delay between attempts, in ms. */
  maxDelayMs?: number
}

export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialDelayMs ?? 50
  const max = options.maxDelayMs ?? 5_000
  return Math.min(max, initial * 2 ** Math.max(0, attempt - 1))
}

/**
 * Runs `attempt` until it resolves. After each failure `onFailure` is told and the next try waits
 * a growing delay. When `signal` aborts, the pending wait ends and the call rejects with its reason.
 */
export async function retryUntilDone<T>(
  attempt: () => Promise<T>,
  signal: AbortSignal,
  options: BackoffOptions = {},
  onFailure: (error: unknown, attempt: number) => void = () => {},
): Promise<T> {
  for (let tries = 1; ; tries++) {
    signal.throwIfAborted()
    try {
      return await attempt()
    } catch (error) {
      signal.throwIfAborted()
      onFailure(error, tries)
    }
    await delay(backoffDelay(tries, options), undefined, { signal })
  }
}
