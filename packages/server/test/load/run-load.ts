/**
 * `npm run test:load`: a bounded load test on localhost. A real server process (SQLite in a temp
 * dir) takes 1,000 simulated agents — distinct nodes — checking in over keep-alive connections
 * (autocannon) while an operator lists nodes and deploys an environment. Passes only with zero
 * errors, the exact node count and an operational environment; appends the figures to
 * BENCHMARKS.md under "Load". Stops by itself after LOAD_SECONDS (default 30).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { agentPayload, nextMac } from '@nailgun/testing'
import { serveArgs, startServer } from '../cli/run-cli.js'
import { httpClient } from '../faults/http-client.js'
import { type OperatorResult, operator } from './operator.js'
import { appendLoadReport } from './report.js'

const AGENTS = Number(process.env.LOAD_AGENTS ?? 1000)
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30)
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100)
const ADMIN_PASSWORD = 'load-admin-password-1'

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ng-load-'))
  const [command, args] = serveArgs()
  const server = await startServer(command, args, {
    NAILGUN_DATA_DIR: dir,
    NAILGUN_ADMIN_PASSWORD: ADMIN_PASSWORD,
    NAILGUN_LOG_LEVEL: 'info',
    NAILGUN_SIMULATOR_STEP_MS: '50',
  })
  try {
    const agent = httpClient(server.baseUrl)
    const payloads = await registerAgents(agent)
    console.log(`registered ${payloads.length} agents; checking in for ${SECONDS}s over ${CONNECTIONS} connections`)
    const [cannon, op] = await Promise.all([
      checkIns(server.baseUrl, payloads),
      operator(server.baseUrl, ADMIN_PASSWORD, SECONDS),
    ])
    const failures = verdict(cannon, op)
    await appendLoadReport({
      agents: AGENTS,
      seconds: SECONDS,
      connections: CONNECTIONS,
      cannon,
      operator: op,
      failures,
    })
    for (const f of failures) console.error(`FAIL: ${f}`)
    process.exitCode = failures.length === 0 ? 0 : 1
  } finally {
    await server.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

/** Each agent's first report (POST /nodes); returns the check-in bodies, one per node. */
async function registerAgents(agent: ReturnType<typeof httpClient>): Promise<string[]> {
  const payloads = Array.from({ length: AGENTS }, () => agentPayload({ mac: nextMac() }))
  let next = 0
  const worker = async () => {
    while (next < payloads.length) {
      const payload = payloads[next++]!
      const res = await agent.post('/api/v1/nodes', payload)
      if (res.status !== 201) throw new Error(`registering ${payload.mac}: ${res.status} ${res.text}`)
    }
  }
  await Promise.all(Array.from({ length: 20 }, worker))
  return payloads.map((p) => JSON.stringify({ ...p, status: undefined }))
}

export interface CannonFigures {
  requests: number
  errors: number
  timeouts: number
  non2xx: number
  p50: number
  p99: number
  rps: number
}

/** The part of autocannon's result this test reads (the package ships no types). */
interface CannonResult {
  requests: { total: number; average: number }
  latency: { p50: number; p99: number }
  errors: number
  timeouts: number
  non2xx: number
}
type Autocannon = (options: Record<string, unknown>) => Promise<CannonResult>

async function checkIns(baseUrl: string, bodies: string[]): Promise<CannonFigures> {
  const autocannon = ((await import('autocannon' as string)) as { default: Autocannon }).default
  let next = 0
  const result = await autocannon({
    url: `${baseUrl}/api/v1/nodes/agent`,
    method: 'PUT',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => {
          request.body = bodies[next++ % bodies.length]
          return request
        },
      },
    ],
  })
  return {
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
  }
}

function verdict(cannon: CannonFigures, op: OperatorResult): string[] {
  const failures: string[] = []
  if (cannon.errors + cannon.timeouts + cannon.non2xx > 0)
    failures.push(`agent check-ins: ${cannon.errors} errors, ${cannon.timeouts} timeouts, ${cannon.non2xx} non-2xx`)
  if (cannon.requests < AGENTS) failures.push(`only ${cannon.requests} check-ins for ${AGENTS} agents`)
  if (op.errors.length > 0) failures.push(`operator: ${op.errors.slice(0, 5).join('; ')}`)
  if (op.nodeCount !== AGENTS) failures.push(`node count ${op.nodeCount}, expected ${AGENTS}`)
  if (op.clusterStatus !== 'operational') failures.push(`environment ended ${op.clusterStatus}`)
  return failures
}

await main()
