/**
 * Running extension code under the host's rules: a time limit per call, and criticality. A critical
 * extension's failure becomes an ExtensionError naming the extension and the stage, which the
 * caller lets propagate so the whole operation rolls back. A non-critical one is logged and
 * skipped; inside a transaction its writes are undone through a savepoint (and on PostgreSQL
 * that also keeps a failed statement from aborting the caller's transaction).
 * @module
 */
import { type BaseExtension, ExtensionError } from '@nailgun/extensions'
import { type Kysely, sql } from 'kysely'
import { observeExtensionCall, stageKind, startExtensionCall } from '../observability/extension-calls.js'
import type { FaultSink } from './fault-policy.js'
import type { HostLogger } from './logger.js'

export interface GuardOptions {
  extension: BaseExtension
  /** Where the code runs, for the error: an event name or `Pipeline.method`. */
  stage: string
  log: HostLogger
  /** The caller's transaction: a non-critical failure is rolled back to a savepoint in it. */
  db?: Kysely<unknown>
  /** Counts consecutive failures for the fault policy (fault-policy.ts). */
  faults?: FaultSink
}

let savepoints = 0
const MAX_TIMER_MS = 2 ** 31 - 1

/** `ok: false` when a non-critical extension failed (and was skipped). */
export type Outcome<T> = { ok: true; value: T } | { ok: false }

/**
 * Runs `call`. Throws ExtensionError when a critical extension failed or ran out of time; for a
 * non-critical one, logs and resolves to `{ok: false}`. A critical extension's call that answers
 * synchronously gets its outcome synchronously: a per-node pipeline method runs 10,000 times per
 * request and an event handler 50 times per node created with 50 extensions, and the promises, the
 * timer and the closures of the asynchronous path were a tenth of what a facts request allocated.
 * Callers await the outcome only when it is a promise.
 */
export function guardedCall<T>(options: GuardOptions, call: () => T | Promise<T>): Outcome<T> | Promise<Outcome<T>> {
  if (options.extension.critical === false) return nonCritical(options, call)
  const { extension, stage } = options
  const done = startExtensionCall(options.log, extension.name, stageKind(stage), stage)
  let result: T | Promise<T>
  try {
    result = call()
  } catch (error) {
    done(true)
    throw criticalFailure(options, error)
  }
  if (isThenable(result)) return settleCritical(options, result, done)
  done(false)
  options.faults?.succeeded(extension.name)
  return { ok: true, value: result }
}

async function settleCritical<T>(options: GuardOptions, running: Promise<T>, done: (failed: boolean) => void) {
  try {
    const value = await withTimeout(() => running, options.extension.timeoutMs)
    done(false)
    options.faults?.succeeded(options.extension.name)
    return { ok: true as const, value }
  } catch (error) {
    done(true)
    throw criticalFailure(options, error)
  }
}

function criticalFailure(options: GuardOptions, error: unknown): ExtensionError {
  options.faults?.failed(options.extension.name, options.stage, error)
  return new ExtensionError(options.extension.name, options.stage, error)
}

/** A non-critical extension runs in a savepoint (inside a transaction) and is skipped when it fails. */
async function nonCritical<T>(options: GuardOptions, call: () => T | Promise<T>): Promise<Outcome<T>> {
  const { extension, stage } = options
  const run = () =>
    observeExtensionCall(options.log, extension.name, stageKind(stage), stage, () =>
      withTimeout(call, extension.timeoutMs),
    )
  const savepoint = options.db?.isTransaction ? `ng_ext_${++savepoints}` : undefined
  if (savepoint && options.db) await sql`savepoint ${sql.id(savepoint)}`.execute(options.db)
  try {
    const value = await run()
    if (savepoint && options.db) await sql`release savepoint ${sql.id(savepoint)}`.execute(options.db)
    options.faults?.succeeded(extension.name)
    return { ok: true, value }
  } catch (error) {
    if (savepoint && options.db) {
      await sql`rollback to savepoint ${sql.id(savepoint)}`.execute(options.db)
      await sql`release savepoint ${sql.id(savepoint)}`.execute(options.db)
    }
    const failure = new ExtensionError(extension.name, stage, error)
    options.faults?.failed(extension.name, stage, error)
    options.log.warn({ extension: extension.name, stage, err: failure }, `Non-critical ${failure.message}; skipped`)
    return { ok: false }
  }
}

/** What withTimeout rejects with, so callers can tell a hang from the call's own failure. */
export class TimeoutError extends Error {}

/**
 * Rejects when `call` takes longer than `ms`; a late result or failure is ignored, never unhandled.
 * A call that answers synchronously (most pipeline methods: 50,000 calls for 10,000 nodes and five
 * extensions) has finished before any timer could fire, so it gets none.
 */
export async function withTimeout<T>(call: () => T | Promise<T>, ms: number): Promise<T> {
  const result = call()
  if (!isThenable(result)) return result
  const running = Promise.resolve(result)
  // setTimeout fires at once beyond 2^31-1 ms: a limit that large means no limit.
  if (!(ms <= MAX_TIMER_MS)) return running
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms`)), ms)
  })
  running.catch(() => {})
  try {
    return await Promise.race([running, timeout])
  } finally {
    clearTimeout(timer)
  }
}

function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}
