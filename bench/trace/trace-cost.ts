/**
 * What tracing and the facts contract cost on a 1,000-node environment with volume_manager (a
 * per-node and a seed-style deployment pipeline, a per-node provisioning one) enabled: the facts
 * built in-process, as `/defaults` and the task launches do, with
 *   off      no observer (factsContract: off),
 *   report   the contract checked after each stage (the default for every render),
 *   trace    every stage diffed and checked (the trace endpoints, every real task launch).
 * Run: `node --import tsx bench/trace/trace-cost.ts [nodes] [rounds]`
 */
import path from 'node:path'
import { createTestApp } from '@nailgun/testing'
import { contractWatch, tracingWatch } from '../../packages/server/src/deployment/facts-contract/facts-watches.js'
import { clusterNodes } from '../../packages/server/src/deployment/facts-input.js'
import { buildDeploymentFacts, buildProvisioningFacts } from '../../packages/server/src/deployment/facts-service.js'
import { findCluster } from '../../packages/server/src/domain/cluster/index.js'
import { assignAll, seedNodes } from '../lib/seed.js'

const COUNT = Number(process.argv[2] ?? 1000)
const ROUNDS = Number(process.argv[3] ?? 5)
const t = await createTestApp({
  database: 'sqlite',
  extensions: [path.join(import.meta.dirname, '..', '..', 'extensions', 'volume-manager')],
  config: { simulatorStepMs: 0, logLevel: 'silent' },
})
const { ctx } = t.app
const seeded = await seedNodes(t, COUNT)
const cluster = await assignAll(t, seeded, ['volume_manager'])

type Mode = 'off' | 'report' | 'trace'
async function build(kind: 'deployment' | 'provisioning', mode: Mode) {
  ctx.config.factsContract = mode === 'off' ? 'off' : 'report'
  return ctx.database.db.transaction().execute(async (trx) => {
    const found = await findCluster(trx, cluster.id)
    if (!found) throw new Error('no cluster')
    const nodes = (await clusterNodes(trx, found.id)).filter((n) => !n.pendingDeletion)
    const observer =
      mode === 'trace' ? tracingWatch(ctx, kind) : mode === 'report' ? contractWatch(ctx, kind) : undefined
    const request = { cluster: found, nodes, ignoreCustomized: true, observer }
    const started = performance.now()
    const facts =
      kind === 'deployment'
        ? await buildDeploymentFacts(ctx, trx, request)
        : await buildProvisioningFacts(ctx, trx, request)
    const trace = observer?.finish(facts)
    const ms = performance.now() - started
    return {
      ms,
      overhead: trace?.overheadMs,
      size: trace ? JSON.stringify(trace).length : 0,
      facts: JSON.stringify(facts).length,
    }
  })
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
const MODES: Mode[] = ['off', 'report', 'trace']
for (const kind of ['deployment', 'provisioning'] as const) {
  await build(kind, 'trace') // warm-up: caches, JIT
  // Round-robin, so that a busy machine weighs on every mode alike.
  const runs = new Map(MODES.map((mode) => [mode, [] as Awaited<ReturnType<typeof build>>[]]))
  for (let i = 0; i < ROUNDS; i++) for (const mode of MODES) runs.get(mode)?.push(await build(kind, mode))
  for (const mode of MODES) {
    const list = runs.get(mode) ?? []
    const last = list.at(-1)
    const overhead = mode === 'off' ? '' : ` watch ${median(list.map((r) => r.overhead ?? 0)).toFixed(0)} ms,`
    const size = mode === 'trace' ? ` trace ${((last?.size ?? 0) / 1e6).toFixed(2)} MB,` : ''
    const total = median(list.map((r) => r.ms)).toFixed(0)
    console.log(`${kind.padEnd(12)} ${mode.padEnd(6)} median ${total} ms,${overhead}${size} (${COUNT} nodes)`)
  }
}
await t.close()
