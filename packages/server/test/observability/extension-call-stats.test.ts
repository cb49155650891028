import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { ExtensionCallStats } from '../../src/observability/extension-call-stats.js'

async function scrape(stats: ExtensionCallStats): Promise<string[]> {
  const registry = new Registry()
  stats.register(registry)
  return (await registry.metrics()).split('\n').filter((line) => line !== '' && !line.startsWith('#'))
}

describe('extension call statistics', () => {
  it('renders cumulative buckets (a value on a bound counts in it), sum, count, calls and errors per label set', async () => {
    const stats = new ExtensionCallStats([0.01, 0.1])
    stats.record('ext', 'event', 'onNodeCreate', 0.01, false)
    stats.record('ext', 'event', 'onNodeCreate', 0.05, true)
    stats.record('ext', 'event', 'onNodeCreate', 3, false)
    stats.record('ext', 'pipeline', 'P.processDeployment', 0.001, false)
    const labels = 'extension="ext",kind="event",name="onNodeCreate"'
    const lines = await scrape(stats)
    expect(lines).toEqual(
      expect.arrayContaining([
        `nailgun_extension_call_duration_seconds_bucket{${labels},le="0.01"} 1`,
        `nailgun_extension_call_duration_seconds_bucket{${labels},le="0.1"} 2`,
        `nailgun_extension_call_duration_seconds_bucket{${labels},le="+Inf"} 3`,
        `nailgun_extension_call_duration_seconds_sum{${labels}} 3.06`,
        `nailgun_extension_call_duration_seconds_count{${labels}} 3`,
        `nailgun_extension_calls_total{${labels}} 3`,
        `nailgun_extension_errors_total{${labels}} 1`,
        'nailgun_extension_calls_total{extension="ext",kind="pipeline",name="P.processDeployment"} 1',
      ]),
    )
    expect(lines.filter((line) => line.startsWith('nailgun_extension_errors_total'))).toHaveLength(1)
  })
})
