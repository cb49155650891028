/**
 * The big-environment scenarios on one database: N nodes with realistic agent reports in one
 * environment with the 5 bench pipeline extensions enabled. Measures the node list and the
 * default facts (each against JSON.stringify of the same answer), and, at full size, agent
 * check-ins on a real listening server (against a bare Fastify route).
 */
import { PIPELINE_EXTENSION_NAMES, pipelineExtensions } from '../extensions/pipeline-extensions.js'
import { benchApp, type TestApp } from '../lib/app.js'
import { startBaselineServer } from '../lib/baseline-server.js'
import { cannon, writeBodies } from '../lib/cannon.js'
import { assignAll, seedNodes } from '../lib/seed.js'
import { median, medianMs, timed } from '../lib/stats.js'

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

async function measure(t: TestApp, url: string, runs: number): Promise<Measured> {
  let body = ''
  const ms = await medianMs(runs, async () => {
    const res = await t.inject({ method: 'GET', url })
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`)
    body = res.body
  })
  const value = JSON.parse(body)
  const stringifyMs = await medianMs(runs, () => JSON.stringify(value))
  return { ms, stringifyMs, bytes: Buffer.byteLength(body) }
}

async function checkIns(t: TestApp, bodies: unknown[], options: NonNullable<EnvironmentOptions['checkIns']>) {
  const file = writeBodies('agent', bodies)
  const address = await t.app.http.listen({ port: 0, host: '127.0.0.1' })
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
    const base = `/api/v1/clusters/${cluster.id}/orchestrator`
    const figures: EnvironmentFigures = {
      nodes,
      setupMs: setup.ms,
      list: await measure(t, '/api/v1/nodes', options.runs),
      deployment: await measure(t, `${base}/deployment/defaults?split=1`, options.runs),
      provisioning: await measure(t, `${base}/provisioning/defaults`, options.runs),
    }
    if (options.checkIns) {
      figures.checkIns = await checkIns(
        t,
        seeded.map((node) => node.payload),
        options.checkIns,
      )
    }
    return figures
  } finally {
    await t.close()
  }
}
