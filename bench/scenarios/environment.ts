/**
 * The big-environment scenarios on one database: N nodes with realistic agent reports in one
 * environment with the 5 bench pipeline extensions enabled. Measures the node list and the
 * default facts (each against JSON.stringify of the same answer), and, at full size, agent
 * check-ins on a real listening server (against a bare Fastify route).
 */
import { execFile } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { PIPELINE_EXTENSION_NAMES, pipelineExtensions } from '../extensions/pipeline-extensions.js'
import { benchApp } from '../lib/app.js'
import { startBaselineServer } from '../lib/baseline-server.js'
import { cannon, writeBodies } from '../lib/cannon.js'
import { assignAll, seedNodes } from '../lib/seed.js'
import { median, medianMs, timed } from '../lib/stats.js'

const run = promisify(execFile)
const GET_CHILD = path.join(import.meta.dirname, '../lib/get-child.ts')

export interface Measured {
  ms: number
  stringifyMs: number
  bytes: number
}

export interface EnvironmentFigures {
  nodes: number
  setupMs: number
  list: Measured
  deployment: Measured
  provisioning: Measured
  checkIns?: { rps: number; baselineRps: number; non2xx: number }
}

export interface EnvironmentOptions {
  runs: number
  checkIns?: { seconds: number; connections: number; rounds: number }
}

/**
 * Over a real socket, from a client in its own process (bench/lib/get-child.ts): the time until
 * the client has the whole answer. The baseline stringifies the same answer here.
 */
async function measure(address: string, url: string, runs: number): Promise<Measured> {
  const file = path.join(tmpdir(), `nailgun-bench-${process.pid}-answer.json`)
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', GET_CHILD, `${address}${url}`, '1', String(runs), file],
    {
      maxBuffer: 1 << 20,
    },
  )
  const { status, times } = JSON.parse(stdout) as { status: number; times: number[] }
  const body = readFileSync(file)
  rmSync(file, { force: true })
  if (status !== 200) throw new Error(`${url}: ${status} ${body.subarray(0, 300).toString()}`)
  const value = JSON.parse(body.toString())
  const stringifyMs = await medianMs(runs, () => JSON.stringify(value))
  return { ms: median(times), stringifyMs, bytes: body.length }
}

async function checkIns(address: string, bodies: unknown[], options: NonNullable<EnvironmentOptions['checkIns']>) {
  const file = writeBodies('agent', bodies)
  const baseline = await startBaselineServer()
  const url = `${address}/api/nodes/agent`
  const app: number[] = []
  const bare: number[] = []
  let non2xx = 0
  try {
    for (let round = 0; round < options.rounds; round++) {
      bare.push((await cannon(baseline.url, file, options.seconds, options.connections)).rps)
      const result = await cannon(url, file, options.seconds, options.connections)
      non2xx += result.non2xx + result.errors
      app.push(result.rps)
    }
  } finally {
    await baseline.close()
  }
  return { rps: median(app), baselineRps: median(bare), non2xx }
}

export async function environmentScenario(
  database: 'sqlite' | 'postgres',
  nodes: number,
  options: EnvironmentOptions,
): Promise<EnvironmentFigures> {
  const t = await benchApp(database, pipelineExtensions())
  try {
    const setup = await timed(async () => {
      const seeded = await seedNodes(t, nodes)
      return { seeded, cluster: await assignAll(t, seeded, PIPELINE_EXTENSION_NAMES) }
    })
    const { seeded, cluster } = setup.value
    const address = await t.app.http.listen({ port: 0, host: '127.0.0.1' })
    const base = `/api/v1/clusters/${cluster.id}/orchestrator`
    const figures: EnvironmentFigures = {
      nodes,
      setupMs: setup.ms,
      list: await measure(address, '/api/v1/nodes', options.runs),
      deployment: await measure(address, `${base}/deployment/defaults?split=1`, options.runs),
      provisioning: await measure(address, `${base}/provisioning/defaults`, options.runs),
    }
    if (options.checkIns) {
      figures.checkIns = await checkIns(
        address,
        seeded.map((node) => node.payload),
        options.checkIns,
      )
    }
    return figures
  } finally {
    await t.close()
  }
}
