/**
 * Event dispatch: 1,000 agent registrations (`POST /api/v1/nodes`, which fires `onNodeCreate`)
 * with 50 installed extensions handling it with a no-op, against the same with none.
 */
import type { BaseExtension } from '@nailgun/extensions'
import { noopExtensions } from '../extensions/noop-extensions.js'
import { benchApp } from '../lib/app.js'
import { benchPayload } from '../lib/seed.js'
import { median, timed } from '../lib/stats.js'

async function register(database: 'sqlite' | 'postgres', nodes: number, extensions: BaseExtension[]) {
  const t = await benchApp(database, extensions)
  try {
    const payloads = Array.from({ length: nodes }, benchPayload)
    const run = await timed(async () => {
      for (const payload of payloads) {
        const res = await t.post('/api/v1/nodes', payload)
        if (res.status !== 201) throw new Error(`POST /nodes: ${res.status} ${res.text}`)
      }
    })
    return run.ms
  } finally {
    await t.close()
  }
}

export async function eventsScenario(database: 'sqlite' | 'postgres', nodes: number, extensions: number, runs: number) {
  const withExt: number[] = []
  const without: number[] = []
  // Warm-up of both paths (module loading, JIT): warming only the plain one charged the
  // dispatch code's first compilation to the first measured run with extensions.
  await register(database, Math.min(nodes, 50), [])
  await register(database, Math.min(nodes, 50), noopExtensions(extensions))
  for (let i = 0; i < runs; i++) {
    without.push(await register(database, nodes, []))
    withExt.push(await register(database, nodes, noopExtensions(extensions)))
  }
  return { ms: median(withExt), baselineMs: median(without) }
}
