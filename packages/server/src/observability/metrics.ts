/**
 * The Prometheus metrics of one app instance, on a registry of its own: tests build many apps in
 * one process, and prom-client's global registry would mix their counts (and refuse to register
 * the same metric name twice).
 * @module
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'
import { type CallKind, ExtensionCallStats } from './extension-call-stats.js'

export type ExtensionCallKind = CallKind

export interface AppMetrics {
  readonly registry: Registry
  /** The text Prometheus scrapes: this app's metrics and the process' own (memory, CPU, event loop). */
  scrape(): Promise<string>
  /** One answered HTTP request; `route` is the route pattern (never the raw URL, which would explode cardinality). */
  httpRequest(method: string, route: string, status: number, seconds: number): void
  /** A task reached its final status; `seconds` since it started (0 when it never started). */
  taskFinished(name: string, status: string, seconds: number): void
  orchestratorMessage(direction: 'sent' | 'received', method: string): void
  extensionCall(extension: string, kind: ExtensionCallKind, name: string, seconds: number, failed: boolean): void
}

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
const TASK_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200]

/**
 * Node's process metrics belong to the process, not to an app: collected once, on a registry
 * of their own (each collection adds observers that are never removed).
 */
let processRegistry: Registry | undefined

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry })
  }
  return processRegistry
}

export function createMetrics(options: { processMetrics?: boolean } = {}): AppMetrics {
  const registry = new Registry()
  const scraped = options.processMetrics ? [registry, processMetrics()] : [registry]
  const registers = [registry]
  const requests = new Counter({
    name: 'nailgun_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  })
  const requestSeconds = new Histogram({
    name: 'nailgun_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: SECONDS_BUCKETS,
    registers,
  })
  const taskSeconds = new Histogram({
    name: 'nailgun_task_duration_seconds',
    help: 'Duration of finished tasks, by task name and final status',
    labelNames: ['task', 'status'] as const,
    buckets: TASK_BUCKETS,
    registers,
  })
  const messages = new Counter({
    name: 'nailgun_orchestrator_messages_total',
    help: 'Orchestrator messages sent (casts) and received (responses), by method',
    labelNames: ['direction', 'method'] as const,
    registers,
  })
  const extensionCalls = new ExtensionCallStats(SECONDS_BUCKETS)
  extensionCalls.register(registry)
  return {
    registry,
    scrape: () => (scraped.length === 1 ? registry.metrics() : Registry.merge(scraped).metrics()),
    httpRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) })
      requestSeconds.observe({ method, route }, seconds)
    },
    taskFinished(task, status, seconds) {
      taskSeconds.observe({ task, status }, Math.max(0, seconds))
    },
    orchestratorMessage(direction, method) {
      messages.inc({ direction, method })
    },
    extensionCall(extension, kind, name, seconds, failed) {
      extensionCalls.record(extension, kind, name, seconds, failed)
    },
  }
}
