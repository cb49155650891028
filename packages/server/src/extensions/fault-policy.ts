/**
 * The fault policy: consecutive failures of an extension's event handlers and pipelines are
 * counted in `extension_states`, so every server process sees them; at `threshold` the extension
 * is `degraded` (logged, shown by `GET /extensions`) and, when non-critical, its handlers and
 * pipelines are skipped until an operator resets it (`POST /extensions/<name>/reset`).
 *
 * Failures are written through the root handle, not the operation's transaction: a critical
 * failure rolls that transaction back, and the count must survive it. The write is not awaited
 * (on SQLite the single connection is busy until the operation ends); `flush()` awaits it.
 * @module
 */
import { type Kysely, sql } from 'kysely'
import type { HostLogger } from './logger.js'
import type { InstalledExtension } from './types.js'

export const DEFAULT_FAILURE_THRESHOLD = 5

export interface ExtensionStateRow {
  name: string
  status: 'loaded' | 'degraded'
  failure_count: number
  last_error: string | null
  last_stage: string | null
  updated_at: string
}

interface StateDb {
  extension_states: ExtensionStateRow
}

/** What guardedCall() reports to. */
export interface FaultSink {
  failed(extension: string, stage: string, error: unknown): void
  succeeded(extension: string): void
}

export interface FaultPolicy extends FaultSink {
  readonly threshold: number
  /** Names of the degraded extensions, read in `db` (the operation's transaction). */
  degraded(db: Kysely<unknown>): Promise<Set<string>>
  /** Every recorded state, by name (after pending writes landed). */
  states(): Promise<Map<string, ExtensionStateRow>>
  /** Back to `loaded` with no failures; false when there was nothing recorded. */
  reset(name: string): Promise<boolean>
  /** Waits for the failure records not yet written. */
  flush(): Promise<void>
}

export interface FaultPolicyDeps {
  db: Kysely<unknown>
  log: HostLogger
  threshold?: number
}

export function createFaultPolicy(deps: FaultPolicyDeps): FaultPolicy {
  const threshold = Math.max(1, deps.threshold ?? DEFAULT_FAILURE_THRESHOLD)
  const root = deps.db as unknown as Kysely<StateDb>
  const pending = new Set<Promise<void>>()
  // Names this process saw fail: only those need a reset write on success (no write per call).
  const suspects = new Set<string>()
  const track = (write: () => Promise<void>) => {
    const promise = write()
      .catch((error) => deps.log.error({ err: error }, 'Could not record an extension failure'))
      .finally(() => pending.delete(promise))
    pending.add(promise)
  }
  return {
    threshold,
    failed(extension, stage, error) {
      suspects.add(extension)
      const message = messageOf(error)
      track(async () => {
        const row = await recordFailure(root, { extension, stage, message, threshold })
        if (row?.status === 'degraded' && row.failure_count === threshold) {
          deps.log.error(
            { extension, failures: row.failure_count, stage, error: message },
            `Extension ${extension} is degraded after ${row.failure_count} consecutive failures`,
          )
        }
      })
    },
    succeeded(extension) {
      if (!suspects.delete(extension)) return
      track(async () => {
        await root
          .updateTable('extension_states')
          .set({ failure_count: 0, updated_at: new Date().toISOString() })
          .where('name', '=', extension)
          .where('status', '=', 'loaded')
          .execute()
      })
    },
    async degraded(db) {
      const rows = await (db as unknown as Kysely<StateDb>)
        .selectFrom('extension_states')
        .select('name')
        .where('status', '=', 'degraded')
        .execute()
      return new Set(rows.map((r) => r.name))
    },
    async states() {
      await this.flush()
      const rows = await root.selectFrom('extension_states').selectAll().execute()
      for (const row of rows) if (row.failure_count > 0) suspects.add(row.name)
      return new Map(rows.map((r) => [r.name, { ...r, failure_count: Number(r.failure_count) }]))
    },
    async reset(name) {
      await this.flush()
      suspects.delete(name)
      const result = await root
        .updateTable('extension_states')
        .set({ status: 'loaded', failure_count: 0, last_error: null, last_stage: null, updated_at: now() })
        .where('name', '=', name)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) > 0
    },
    async flush() {
      while (pending.size > 0) await Promise.all([...pending])
    },
  }
}

interface FailureInput {
  extension: string
  stage: string
  message: string
  threshold: number
}

/** One atomic upsert, so concurrent processes never lose a count. */
async function recordFailure(db: Kysely<StateDb>, input: FailureInput) {
  const { extension, stage, message, threshold } = input
  const at = now()
  return db
    .insertInto('extension_states')
    .values({
      name: extension,
      status: threshold <= 1 ? 'degraded' : 'loaded',
      failure_count: 1,
      last_error: message,
      last_stage: stage,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        failure_count: sql`extension_states.failure_count + 1`,
        status: sql`case when extension_states.failure_count + 1 >= ${threshold} then 'degraded' else extension_states.status end`,
        last_error: message,
        last_stage: stage,
        updated_at: at,
      }),
    )
    .returning(['status', 'failure_count'])
    .executeTakeFirst()
    .then((row) => (row ? { status: row.status, failure_count: Number(row.failure_count) } : undefined))
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000)
}

function now(): string {
  return new Date().toISOString()
}

/** Non-critical extensions that are degraded: their handlers are skipped (critical ones still run). */
export async function skippedWhileDegraded(
  faults: FaultPolicy | undefined,
  trx: unknown,
  targets: readonly InstalledExtension[],
): Promise<Set<string>> {
  if (!faults || !targets.some((t) => t.extension.critical === false)) return new Set()
  const degraded = await faults.degraded(trx as Kysely<unknown>)
  return new Set(
    targets
      .filter((t) => t.extension.critical === false && degraded.has(t.extension.name))
      .map((t) => t.extension.name),
  )
}
