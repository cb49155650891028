/**
 * `npm run bench` (full sizes, writes the "Performance" section of BENCHMARKS.md) and
 * `npm run bench:smoke` (tiny sizes, both databases, prints the table and fails only when a
 * scenario breaks, so the bench cannot rot in CI). Every figure is a median of repeated runs and
 * is given as a ratio to a baseline measured in the same run: the machine is shared and noisy.
 */
import { writeBenchmarks } from './lib/report.js'
import type { Result } from './lib/result.js'
import { mb, ms } from './lib/stats.js'
import { deployScenario, type Transport } from './scenarios/deploy.js'
import { environmentScenario, type Measured } from './scenarios/environment.js'
import { eventsScenario } from './scenarios/events.js'
import { memoryScenario } from './scenarios/memory.js'
import { startupScenario } from './scenarios/startup.js'

const smoke = process.argv.includes('--smoke')
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7)
const databases = (process.argv
  .find((a) => a.startsWith('--db='))
  ?.slice(5)
  .split(',') ?? ['sqlite', 'postgres']) as Array<'sqlite' | 'postgres'>

const SIZES = smoke
  ? {
      nodes: 200,
      small: 20,
      runs: 2,
      memoryRuns: 1,
      cannon: { seconds: 1, connections: 4, rounds: 1 },
      events: 30,
      eventRuns: 1,
      startRuns: 1,
      deploy: 20,
    }
  : {
      nodes: 10_000,
      small: 1_000,
      runs: 5,
      memoryRuns: 3,
      cannon: { seconds: 5, connections: 16, rounds: 3 },
      events: 1_000,
      eventRuns: 7,
      startRuns: 5,
      deploy: 1_000,
    }
const EXTENSIONS = 50

const results: Result[] = []
const log = (line: string) => process.stderr.write(`[bench] ${new Date().toISOString().slice(11, 19)} ${line}\n`)
const want = (name: string) => !only || only.split(',').includes(name)

function factsRow(scenario: string, db: Result['database'], m: Measured, limit: number, extra = ''): Result {
  const r = m.ms / m.stringifyMs
  return {
    scenario,
    database: db,
    figure: `${ms(m.ms)} (${mb(m.bytes)})`,
    baseline: `JSON.stringify ${ms(m.stringifyMs)}`,
    ratio: r,
    target: `≤ ${limit}×${extra}`,
    met: r <= limit && (extra === '' || m.ms < 2000),
  }
}

async function environment(db: 'sqlite' | 'postgres') {
  log(`${db}: environment of ${SIZES.small} nodes`)
  const small = await environmentScenario(db, SIZES.small, { runs: SIZES.runs })
  log(`${db}: environment of ${SIZES.nodes} nodes (set-up included)`)
  const big = await environmentScenario(db, SIZES.nodes, { runs: SIZES.runs, checkIns: SIZES.cannon })
  log(`${db}: set-up of ${SIZES.nodes} nodes took ${ms(big.setupMs)}`)
  const n = SIZES.nodes.toLocaleString('en')
  if (big.checkIns) {
    const r = big.checkIns.rps / big.checkIns.baselineRps
    results.push({
      scenario: `agent check-ins, ${n} known nodes, ${SIZES.cannon.connections} keep-alive clients`,
      database: db,
      figure: `${big.checkIns.rps.toFixed(0)} req/s`,
      baseline: `bare Fastify route ${big.checkIns.baselineRps.toFixed(0)} req/s`,
      ratio: r,
      target: '≥ 0.25×',
      met: r >= 0.25 && big.checkIns.non2xx === 0,
      note: big.checkIns.non2xx ? `${big.checkIns.non2xx} non-2xx/errors` : undefined,
    })
  }
  results.push(factsRow(`GET /api/v1/nodes, ${n} nodes`, db, big.list, 5))
  results.push(
    factsRow(`deployment defaults (?split=1), ${n} nodes, 5 ext × 2 pipelines`, db, big.deployment, 5, ', < 2 s'),
  )
  results.push(factsRow(`provisioning defaults, ${n} nodes, 5 ext × 2 pipelines`, db, big.provisioning, 5))
  const scale = SIZES.nodes / SIZES.small
  for (const [label, b, s] of [
    ['deployment', big.deployment, small.deployment],
    ['provisioning', big.provisioning, small.provisioning],
  ] as const) {
    const timeRatio = b.ms / s.ms
    const perNode = b.bytes / SIZES.nodes / (s.bytes / SIZES.small)
    results.push({
      scenario: `growth: ${label} defaults, ${n} vs ${SIZES.small.toLocaleString('en')} nodes`,
      database: db,
      figure: `${ms(b.ms)}; ${(b.bytes / SIZES.nodes / 1024).toFixed(2)} KiB/node`,
      baseline: `${ms(s.ms)}; ${(s.bytes / SIZES.small / 1024).toFixed(2)} KiB/node`,
      ratio: timeRatio,
      target: `time ≤ 12× for ${scale}× nodes; facts/node constant`,
      met: timeRatio <= 12 && perNode < 1.05,
      note: `facts per node ×${perNode.toFixed(3)}`,
    })
  }
}

async function events(db: 'sqlite' | 'postgres') {
  log(`${db}: event dispatch, ${SIZES.events} registrations`)
  const e = await eventsScenario(db, SIZES.events, EXTENSIONS, SIZES.eventRuns)
  const r = e.ms / e.baselineMs
  results.push({
    scenario: `event dispatch: ${SIZES.events.toLocaleString('en')} POST /nodes, ${EXTENSIONS} ext with no-op onNodeCreate`,
    database: db,
    figure: ms(e.ms),
    baseline: `no extension ${ms(e.baselineMs)}`,
    ratio: r,
    target: '≤ 1.2×',
    met: r <= 1.2,
  })
}

async function startup(db: 'sqlite' | 'postgres') {
  log(`${db}: start-up`)
  const s = await startupScenario(db, EXTENSIONS, SIZES.startRuns)
  const r = s.ms / s.baselineMs
  results.push({
    scenario: `start-up to serving, ${EXTENSIONS} extensions`,
    database: db,
    figure: ms(s.ms),
    baseline: `no extension ${ms(s.baselineMs)}`,
    ratio: r,
    target: '≤ 1.5×',
    met: r <= 1.5,
  })
}

async function deploy(db: 'sqlite' | 'postgres', transport: Transport) {
  log(`${db}: full deployment of ${SIZES.deploy} nodes, ${transport}`)
  const d = await deployScenario(db, SIZES.deploy, transport)
  const q = Math.max(1, Math.round(SIZES.deploy / 4))
  results.push({
    scenario: `full deploy of ${SIZES.deploy.toLocaleString('en')} nodes, ${transport === 'amqp' ? 'RabbitMQ, one worker' : 'in-process orchestrator'}, step 0 ms`,
    database: db,
    figure: `${ms(d.ms)} (${(d.ms / SIZES.deploy).toFixed(1)} ms/node)`,
    baseline: `${q} nodes ${ms(d.quarterMs)}`,
    ratio: d.ms / d.quarterMs,
    target: 'report; 4× nodes ≈ 4× time (no O(n²))',
    met: null,
  })
}

async function memory(db: 'sqlite' | 'postgres') {
  log(`${db}: peak RSS of the ${SIZES.nodes}-node deployment facts request (child process)`)
  const m = await memoryScenario(db, SIZES.nodes, SIZES.memoryRuns)
  const grow = m.peak - m.rssBefore
  const r = grow / m.bytes
  results.push({
    scenario: `peak RSS of the ${SIZES.nodes.toLocaleString('en')}-node deployment facts request`,
    database: db,
    figure: `+${mb(grow)} over ${mb(m.rssBefore)} before`,
    baseline: `JSON output ${mb(m.bytes)}`,
    ratio: r,
    target: '≤ 4×',
    met: r <= 4,
    note: `whole process peak ${mb(m.peak)} = ${(m.peak / m.bytes).toFixed(1)}× the output`,
  })
}

const started = Date.now()
let failed = false
for (const db of databases) {
  for (const [name, fn] of [
    ['environment', () => environment(db)],
    ['events', () => events(db)],
    ['startup', () => startup(db)],
    ['deploy', () => deploy(db, 'in-process')],
    ['deploy-amqp', () => deploy(db, 'amqp')],
    ['memory', () => memory(db)],
  ] as const) {
    if (!want(name)) continue
    try {
      await fn()
    } catch (error) {
      failed = true
      log(`${db}: ${name} FAILED: ${(error as Error).stack ?? error}`)
    }
  }
}
const table = await writeBenchmarks(results, { smoke, write: !smoke && !only, seconds: (Date.now() - started) / 1000 })
process.stdout.write(`${table}\n`)
log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
process.exit(failed ? 1 : 0)
