/**
 * Fires hostile requests (see hostile.ts) at every route of the walked route table of an app with
 * volume_manager loaded, asserting for each: no 5xx, a Nailgun error body on every 4xx, and no
 * database change when the answer is 4xx (row counts and a hash of every table).
 */
import path from 'node:path'
import { createTestApp, registerNode, type TestApp, type TestDatabaseKind } from '@nailgun/testing'
import fc from 'fast-check'
import { sql } from 'kysely'
import YAML from 'yaml'
import { type Snapshot, snapshot } from '../security/db-snapshot.js'
import { walkRoutes } from '../security/route-walk.js'
import { type HostileRequest, hostileRequest, PARAM } from './hostile.js'

const VOLUME_MANAGER = path.resolve(import.meta.dirname, '../../../../extensions/volume-manager')
/** Small, so oversized bodies are cheap to generate; the 413 path is the same at any limit. */
export const FUZZ_BODY_LIMIT = 16 * 1024

export interface FuzzStats {
  requests: number
  routes: number
  byStatus: Record<string, number>
}

export async function fuzzApp(database: TestDatabaseKind): Promise<TestApp> {
  const t = await createTestApp({
    database,
    config: { bodyLimit: FUZZ_BODY_LIMIT },
    extensions: [VOLUME_MANAGER],
  })
  // Something for the ids 1 and 2 to find: an environment and two discovered nodes.
  const cluster = await t.post('/api/v1/clusters', { name: 'fuzz-env', release_id: 1 })
  if (cluster.status !== 201) throw new Error(`seed cluster: ${cluster.status} ${cluster.text}`)
  await registerNode(t)
  await registerNode(t)
  return t
}

/** Runs `runs` hostile requests; throws (with fast-check's shrunk counterexample) on a violation. */
export async function fuzz(t: TestApp, runs: number, seed?: number): Promise<FuzzStats> {
  // An event stream answered 200 never ends, so it cannot be awaited here.
  const routes = walkRoutes(t.app, PARAM).filter((r) => !r.eventStream)
  const stats: FuzzStats = { requests: 0, routes: routes.length, byStatus: {} }
  await fc.assert(
    fc.asyncProperty(hostileRequest(routes, FUZZ_BODY_LIMIT), async (request) => {
      await check(t, request, stats)
    }),
    { numRuns: runs, seed, endOnFailure: true },
  )
  return stats
}

async function check(t: TestApp, request: HostileRequest, stats: FuzzStats): Promise<void> {
  const before = await settled(t)
  const res = await t.app.http.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: request.headers,
    payload: request.payload,
  })
  stats.requests++
  const bucket = `${Math.floor(res.statusCode / 100)}xx`
  stats.byStatus[bucket] = (stats.byStatus[bucket] ?? 0) + 1
  const where = `${request.route}: ${request.method} ${request.url.slice(0, 200)}`
  if (res.statusCode >= 500) throw new Error(`${res.statusCode} on ${where}: ${res.body.slice(0, 300)}`)
  if (res.statusCode < 400) return
  if (request.method !== 'HEAD') {
    const yaml = String(res.headers['content-type'] ?? '').includes('yaml')
    const body = (yaml ? YAML.parse(res.body) : JSON.parse(res.body)) as { message?: unknown }
    if (typeof body.message !== 'string' || body.message === '')
      throw new Error(`4xx without a message on ${where}: ${res.body.slice(0, 300)}`)
  }
  const after = await snapshot(t.app.ctx.database)
  if (after.hash !== before.hash)
    throw new Error(`${res.statusCode} on ${where} changed the database: ${JSON.stringify(after.counts)}`)
}

/**
 * A snapshot once background work an earlier accepted request started (a deletion or deployment
 * task on the simulated orchestrator) has finished, so only the next request can change it.
 */
async function settled(t: TestApp): Promise<Snapshot> {
  const deadline = Date.now() + 20_000
  let last = await snapshot(t.app.ctx.database)
  for (;;) {
    const busy = await sql<{
      n: number
    }>`select count(*) as n from tasks where status in ('running', 'pending')`.execute(t.app.ctx.database.db as never)
    await new Promise((r) => setTimeout(r, Number(busy.rows[0]?.n ?? 0) > 0 ? 20 : 2))
    const next = await snapshot(t.app.ctx.database)
    if (next.hash === last.hash && Number(busy.rows[0]?.n ?? 0) === 0) return next
    if (Date.now() > deadline) throw new Error('the database did not settle after an accepted request')
    last = next
  }
}

/** The server still answers reads and writes normally. */
export async function assertHealthy(t: TestApp): Promise<void> {
  const version = await t.get('/api/v1/version')
  const clusters = await t.get('/api/v1/clusters')
  const created = await t.post('/api/v1/clusters', { name: `after-fuzz-${Date.now()}`, release_id: 1 })
  if (version.status !== 200 || clusters.status !== 200 || created.status !== 201)
    throw new Error(`unhealthy after fuzzing: ${version.status} ${clusters.status} ${created.status} ${created.text}`)
}
