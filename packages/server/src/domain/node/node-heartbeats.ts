/**
 * Unchanged agent reports, batched. Almost every check-in is an online node sending the report it
 * sent a minute ago: all it changes is the node's timestamp. Check-ins that arrive while a batch
 * is being written wait for the next one, so under load one UPDATE serves many agents (the
 * per-statement cost, parse, plan, commit, was what bounded check-ins/s on PostgreSQL), and an
 * idle server still writes each one at once. A report that does not match (offline node, changed
 * checksum, unknown MAC) resolves to `undefined` and takes the full path, which changed nothing.
 * @module
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

/** How the node is named in its report, and the checksum it reported. */
export interface Heartbeat {
  mac?: string
  id?: number
  checksum: string
}

interface Waiting {
  beat: Heartbeat
  resolve(id: number | undefined): void
  reject(error: unknown): void
}

/** Enough to amortize a statement; small enough that one statement stays cheap to plan. */
export const MAX_HEARTBEATS_PER_STATEMENT = 128

/**
 * One batch is written at a time; the next one gathers meanwhile. (Two or four statements in
 * flight measured the same within noise, with smaller batches.)
 */
export class HeartbeatBatcher {
  readonly #queue: Waiting[] = []
  #busy = false

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** The node's id when its timestamp was moved; `undefined` when the report needs the full path. */
  touch(beat: Heartbeat): Promise<number | undefined> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ beat, resolve, reject })
      this.#schedule()
    })
  }

  #schedule(): void {
    if (this.#busy || this.#queue.length === 0) return
    this.#busy = true
    // Let the check-ins read in the same turn of the event loop join the batch.
    setImmediate(() => {
      const batch = this.#queue.splice(0, MAX_HEARTBEATS_PER_STATEMENT)
      void this.#write(batch).finally(() => {
        this.#busy = false
        this.#schedule()
      })
    })
  }

  async #write(batch: Waiting[]): Promise<void> {
    try {
      const touched = await touchAll(
        this.db,
        batch.map((w) => w.beat),
        this.now(),
      )
      for (const waiting of batch) waiting.resolve(matching(touched, waiting.beat))
    } catch (error) {
      for (const waiting of batch) waiting.reject(error)
    }
  }
}

interface TouchedRow {
  id: number
  mac: string
  agent_checksum: string | null
}

/** One UPDATE for the whole batch: the online nodes whose stored checksum is the reported one. */
async function touchAll(db: Kysely<Database>, beats: readonly Heartbeat[], now: string): Promise<TouchedRow[]> {
  return db
    .updateTable('nodes')
    .set({ timestamp: now })
    .where('online', '=', true)
    .where((eb) =>
      eb.or(
        beats.map((beat) =>
          eb.and([
            beat.mac !== undefined ? eb('mac', '=', beat.mac) : eb('id', '=', beat.id as number),
            eb('agent_checksum', '=', beat.checksum),
          ]),
        ),
      ),
    )
    .returning(['id', 'mac', 'agent_checksum'])
    .execute()
}

function matching(rows: readonly TouchedRow[], beat: Heartbeat): number | undefined {
  const row = rows.find((r) => (beat.mac !== undefined ? r.mac === beat.mac : r.id === beat.id))
  return row && row.agent_checksum === beat.checksum ? row.id : undefined
}
