/**
 * `/metrics`: per-app Prometheus metrics of HTTP requests (by route pattern and status),
 * orchestrator messages, task durations and extension calls (events, pipelines, REST handlers).
 */
import path from 'node:path'
import { BaseExtension } from '@nailgun/extensions'
import {
  createTestApp,
  deployCluster,
  login,
  prepareCluster,
  registerNode,
  type TestApp,
  waitForTask,
} from '@nailgun/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { fixture } from '../extensions/helpers.js'
import { parseMetrics, total } from './helpers.js'

const VOLUME_MANAGER = path.resolve(import.meta.dirname, '../../../../extensions/volume-manager')

/** Throws on every node registration; non-critical, so the registration itself succeeds. */
class ThrowingExtension extends BaseExtension {
  readonly name = 'obs_thrower'
  readonly version = '1.0.0'
  readonly description = 'Throws when a node is created'
  critical = false
  onNodeCreate = async (): Promise<void> => {
    throw new Error('boom')
  }
}

async function scrape(t: TestApp) {
  const res = await t.inject({ method: 'GET', url: '/metrics' })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toMatch(/^text\/plain/)
  return parseMetrics(res.body)
}

describe('HTTP and extension metrics', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ extensions: [VOLUME_MANAGER, new ThrowingExtension(), fixture('rest')] })
  })
  afterAll(() => t.close())

  it('counts requests by route pattern and status, never by raw URL', async () => {
    await t.get('/api/v1/clusters')
    await t.get('/api/v1/clusters')
    await t.get('/api/v1/clusters/987654')
    await t.get('/api/v1/no/such/thing')
    const samples = await scrape(t)
    const list = { method: 'GET', route: /^\/api\/v1\/clusters\/?$/, status: '200' }
    expect(total(samples, 'nailgun_http_requests_total', list)).toBe(2)
    const one = { method: 'GET', route: /^\/api\/v1\/clusters\/:obj_id/, status: '404' }
    expect(total(samples, 'nailgun_http_requests_total', one)).toBe(1)
    expect(total(samples, 'nailgun_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1)
    expect(samples.some((s) => s.labels.route?.includes('987654'))).toBe(false)
    const count = { method: 'GET', route: /^\/api\/v1\/clusters\/?$/ }
    expect(total(samples, 'nailgun_http_request_duration_seconds_count', count)).toBe(2)
    expect(total(samples, 'nailgun_http_request_duration_seconds_bucket', { ...count, le: '+Inf' })).toBe(2)
  })

  it("includes the process' own metrics", async () => {
    const samples = await scrape(t)
    expect(samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true)
    expect(samples.some((s) => s.name.startsWith('nodejs_'))).toBe(true)
  })

  it('counts and times extension event handlers when a node registers', async () => {
    const labels = { extension: 'volume_manager', kind: 'event', name: 'onNodeCreate' }
    const before = total(await scrape(t), 'nailgun_extension_calls_total', labels)
    await registerNode(t)
    await registerNode(t)
    const samples = await scrape(t)
    expect(total(samples, 'nailgun_extension_calls_total', labels)).toBe(before + 2)
    expect(total(samples, 'nailgun_extension_call_duration_seconds_count', labels)).toBe(before + 2)
    expect(total(samples, 'nailgun_extension_errors_total', labels)).toBe(0)
  })

  it('counts the failures of a throwing extension', async () => {
    const labels = { extension: 'obs_thrower', kind: 'event', name: 'onNodeCreate' }
    const before = total(await scrape(t), 'nailgun_extension_errors_total', labels)
    await registerNode(t)
    const samples = await scrape(t)
    expect(total(samples, 'nailgun_extension_errors_total', labels)).toBe(before + 1)
    expect(total(samples, 'nailgun_extension_calls_total', labels)).toBeGreaterThanOrEqual(before + 1)
  })

  it('counts extension REST handlers and their errors', async () => {
    expect((await t.get('/api/v1/fx_rest/empty')).status).toBe(204)
    expect((await t.delete('/api/v1/fx_rest/1/notes')).status).toBe(500)
    const samples = await scrape(t)
    const empty = { extension: 'fx_rest', kind: 'handler', name: 'EmptyHandler.GET' }
    expect(total(samples, 'nailgun_extension_calls_total', empty)).toBe(1)
    expect(total(samples, 'nailgun_extension_errors_total', empty)).toBe(0)
    const failing = { extension: 'fx_rest', kind: 'handler', name: 'NodeNotesHandler.DELETE' }
    expect(total(samples, 'nailgun_extension_errors_total', failing)).toBe(1)
  })

  it('counts pipeline methods of the extensions enabled on an environment', async () => {
    const { cluster } = await prepareCluster(t, [['controller']])
    expect((await t.put(`/api/v1/clusters/${cluster.id}/extensions`, ['volume_manager'])).status).toBeLessThan(300)
    expect((await t.get(`/api/v1/clusters/${cluster.id}/orchestrator/provisioning/defaults`)).status).toBe(200)
    const samples = await scrape(t)
    expect(total(samples, 'nailgun_extension_calls_total', { extension: 'volume_manager', kind: 'pipeline' })).toBe(
      total(samples, 'nailgun_extension_call_duration_seconds_count', {
        extension: 'volume_manager',
        kind: 'pipeline',
      }),
    )
    expect(
      total(samples, 'nailgun_extension_calls_total', { extension: 'volume_manager', kind: 'pipeline' }),
    ).toBeGreaterThan(0)
  })
})

describe('orchestrator and task metrics', () => {
  let t: TestApp
  afterEach(() => t.close())

  it('counts messages sent and received by method and times finished tasks by name and status', async () => {
    t = await createTestApp()
    const { task } = await deployCluster(t)
    expect((await waitForTask(t, task.id)).status).toBe('ready')
    const samples = await scrape(t)
    expect(total(samples, 'nailgun_orchestrator_messages_total', { direction: 'sent' })).toBeGreaterThan(0)
    expect(total(samples, 'nailgun_orchestrator_messages_total', { direction: 'received' })).toBeGreaterThan(0)
    const sent = samples.filter(
      (s) => s.name === 'nailgun_orchestrator_messages_total' && s.labels.direction === 'sent',
    )
    expect(sent.every((s) => typeof s.labels.method === 'string' && s.labels.method !== '')).toBe(true)
    const deploy = { task: 'deploy', status: 'ready' }
    expect(total(samples, 'nailgun_task_duration_seconds_count', deploy)).toBe(1)
  })

  it('keeps each app’s metrics apart', async () => {
    t = await createTestApp()
    const other = await createTestApp()
    try {
      await other.get('/api/v1/releases')
      const samples = await scrape(t)
      expect(total(samples, 'nailgun_http_requests_total', { route: /^\/api\/v1\/releases/ })).toBe(0)
    } finally {
      await other.close()
    }
  })
})

describe('access to /metrics', () => {
  let t: TestApp
  afterEach(() => t.close())
  const keystone = { auth: 'keystone' as const, adminPassword: 'admin-secret-1234' }

  it('is public by default, even when the API asks for tokens', async () => {
    t = await createTestApp({ config: keystone })
    expect((await t.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200)
  })

  it('asks for a valid token when metricsPublic is off', async () => {
    t = await createTestApp({ config: { ...keystone, metricsPublic: false } })
    const anonymous = await t.get('/metrics')
    expect(anonymous.status).toBe(401)
    expect(anonymous.body).toEqual({ message: expect.any(String), errors: [] })
    await login(t, 'admin', keystone.adminPassword)
    expect((await t.get('/metrics')).status).toBe(200)
  })
})
