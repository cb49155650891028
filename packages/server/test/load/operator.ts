/**
 * The operator's side of the load test: logs in, keeps listing nodes, and deploys an environment
 * of three of the agents' nodes while they check in, then reports what it saw.
 */
import { login, type TestResponse, waitForTask } from '@nailgun/testing'
import { httpClient } from '../faults/http-client.js'

export interface OperatorResult {
  listings: number
  /** Latencies of GET /nodes, in ms. */
  listP50: number
  listP99: number
  deploySeconds: number
  clusterStatus: string
  nodeCount: number
  errors: string[]
}

const ROLES = [['controller'], ['compute'], ['cinder']]

export async function operator(baseUrl: string, password: string, seconds: number): Promise<OperatorResult> {
  const t = httpClient(baseUrl)
  await login(t, 'admin', password)
  const errors: string[] = []
  const latencies: number[] = []
  const until = Date.now() + seconds * 1000
  const listing = (async () => {
    while (Date.now() < until) {
      const started = performance.now()
      const res = await t.get('/api/v1/nodes')
      latencies.push(performance.now() - started)
      if (res.status !== 200) errors.push(`GET /nodes: ${res.status}`)
      await new Promise((r) => setTimeout(r, 250))
    }
  })()
  const started = Date.now()
  const clusterId = await deploy(t, errors)
  const deploySeconds = (Date.now() - started) / 1000
  await listing
  const nodes = await t.get('/api/v1/nodes')
  const cluster = clusterId ? await t.get(`/api/v1/clusters/${clusterId}`) : undefined
  latencies.sort((a, b) => a - b)
  const pct = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0)
  return {
    listings: latencies.length,
    listP50: pct(0.5),
    listP99: pct(0.99),
    deploySeconds,
    clusterStatus: cluster?.body?.status ?? 'missing',
    nodeCount: Array.isArray(nodes.body) ? nodes.body.length : -1,
    errors,
  }
}

async function deploy(t: ReturnType<typeof httpClient>, errors: string[]): Promise<number | undefined> {
  const step = async (what: string, call: () => Promise<TestResponse>, ok: number) => {
    const res = await call()
    if (res.status !== ok) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 200)}`)
    return res.body
  }
  try {
    const nodes = (await step('GET /nodes', () => t.get('/api/v1/nodes'), 200)) as { id: number }[]
    const cluster = await step(
      'POST /clusters',
      () => t.post('/api/v1/clusters', { name: 'load-env', release_id: 1 }),
      201,
    )
    const assignment = ROLES.map((roles, i) => ({ id: nodes[i]!.id, roles }))
    await step('assignment', () => t.post(`/api/v1/clusters/${cluster.id}/assignment`, assignment), 200)
    const task = await step('PUT /changes', () => t.put(`/api/v1/clusters/${cluster.id}/changes`), 202)
    const done = await waitForTask(t, task.id, { timeoutMs: 120_000, intervalMs: 200 })
    if (done.status !== 'ready') errors.push(`deployment ended ${done.status}: ${done.message}`)
    return cluster.id
  } catch (error) {
    errors.push(String(error))
    return undefined
  }
}
