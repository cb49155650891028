/**
 * Hostile requests against every route of the route table (core and volume_manager), on SQLite
 * and (a smaller run) PostgreSQL: no 5xx, a message on every 4xx, nothing changed by a 4xx, and
 * the server healthy afterwards. NAILGUN_FUZZ_RUNS scales the run (`npm run test:faults` runs a
 * bigger one); NAILGUN_FUZZ_SEED replays a failure.
 */
import type { TestApp, TestDatabaseKind } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertHealthy, fuzz, fuzzApp } from './fuzz-run.js'

const SCALE = Number(process.env.NAILGUN_FUZZ_RUNS ?? 1)
const SEED = process.env.NAILGUN_FUZZ_SEED ? Number(process.env.NAILGUN_FUZZ_SEED) : undefined
const RUNS: Record<TestDatabaseKind, number> = { sqlite: 400 * SCALE, postgres: 120 * SCALE }

describe.each(['sqlite', 'postgres'] as const)('fuzzing every route on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await fuzzApp(database)
  })
  afterAll(() => t?.close())

  it('answers hostile requests with 4xx and a message, never 5xx, and a 4xx changes nothing', async () => {
    const stats = await fuzz(t, RUNS[database], SEED)
    console.log(`fuzz (${database}): ${stats.requests} requests over ${stats.routes} routes`, stats.byStatus)
    expect(stats.requests).toBe(RUNS[database])
    expect(stats.byStatus['4xx']).toBeGreaterThan(stats.requests / 2)
    await assertHealthy(t)
  }, 600_000)
})
