/**
 * The extension-call metrics (`nailgun_extension_call_duration_seconds`, `…_calls_total`,
 * `…_errors_total`), kept in plain counters and rendered in Prometheus' histogram and counter
 * forms when scraped. A 10,000-node facts request makes 50,000 extension calls and a node
 * registration one per installed extension: prom-client's per-call label hashing was half the
 * cost of dispatching an event to 50 no-op handlers. Here a call is three Map lookups and a few
 * additions.
 * @module
 */
import type { Metric, Registry } from 'prom-client'

export type CallKind = 'event' | 'pipeline' | 'handler'

interface Series {
  labels: { extension: string; kind: CallKind; name: string }
  /** Calls per bucket (not cumulative); the last slot is +Inf. */
  perBucket: number[]
  sum: number
  count: number
  failures: number
}

const DURATION = 'nailgun_extension_call_duration_seconds'

export class ExtensionCallStats {
  readonly #byExtension = new Map<string, Map<CallKind, Map<string, Series>>>()

  constructor(private readonly buckets: readonly number[]) {}

  record(extension: string, kind: CallKind, name: string, seconds: number, failed: boolean): void {
    const series = this.#series(extension, kind, name)
    let slot = 0
    while (slot < this.buckets.length && seconds > (this.buckets[slot] as number)) slot++
    series.perBucket[slot] = (series.perBucket[slot] as number) + 1
    series.sum += seconds
    series.count++
    if (failed) series.failures++
  }

  /** Registers the three metrics, computed from the counts at each scrape. */
  register(registry: Registry): void {
    const metric = (name: string, help: string, type: 'histogram' | 'counter', values: () => unknown[]) =>
      ({
        name,
        help,
        type,
        aggregator: 'sum',
        get: async () => ({ name, help, type, aggregator: 'sum', values: values() }),
      }) as unknown as Metric
    registry.registerMetric(metric(DURATION, 'Duration of extension calls', 'histogram', () => this.#histogram()))
    registry.registerMetric(
      metric(
        'nailgun_extension_calls_total',
        'Extension event handlers, pipeline methods and REST handlers called',
        'counter',
        () => this.#all().map((s) => ({ labels: s.labels, value: s.count })),
      ),
    )
    registry.registerMetric(
      metric('nailgun_extension_errors_total', 'Extension calls that threw or timed out', 'counter', () =>
        this.#all()
          .filter((s) => s.failures > 0)
          .map((s) => ({ labels: s.labels, value: s.failures })),
      ),
    )
  }

  #series(extension: string, kind: CallKind, name: string): Series {
    let byKind = this.#byExtension.get(extension)
    if (!byKind) {
      byKind = new Map()
      this.#byExtension.set(extension, byKind)
    }
    let byName = byKind.get(kind)
    if (!byName) {
      byName = new Map()
      byKind.set(kind, byName)
    }
    let series = byName.get(name)
    if (!series) {
      series = {
        labels: { extension, kind, name },
        perBucket: new Array(this.buckets.length + 1).fill(0),
        sum: 0,
        count: 0,
        failures: 0,
      }
      byName.set(name, series)
    }
    return series
  }

  #all(): Series[] {
    return [...this.#byExtension.values()].flatMap((byKind) => [...byKind.values()].flatMap((m) => [...m.values()]))
  }

  #histogram(): unknown[] {
    return this.#all().flatMap((s) => {
      let cumulative = 0
      const buckets = s.perBucket.map((n, i) => {
        cumulative += n
        const le = i < this.buckets.length ? (this.buckets[i] as number) : '+Inf'
        return { labels: { ...s.labels, le }, value: cumulative, metricName: `${DURATION}_bucket` }
      })
      return [
        ...buckets,
        { labels: s.labels, value: s.sum, metricName: `${DURATION}_sum` },
        { labels: s.labels, value: s.count, metricName: `${DURATION}_count` },
      ]
    })
  }
}
