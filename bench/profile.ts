/**
 * Profiles one request of a built environment (for finding what to optimise, not part of the
 * bench): `node --import tsx bench/profile.ts <deployment|provisioning|nodes|events> [nodes] [db]`.
 * Writes /tmp/nailgun-bench-<what>.cpuprofile and prints the top self-time frames.
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { noopExtensions } from './extensions/noop-extensions.js'
import { PIPELINE_EXTENSION_NAMES, pipelineExtensions } from './extensions/pipeline-extensions.js'
import { benchApp } from './lib/app.js'
import { topFrames } from './lib/profile-top.js'
import { assignAll, benchPayload, seedNodes } from './lib/seed.js'

const [what = 'deployment', count = '3000', db = 'sqlite'] = process.argv.slice(2)
const events = what === 'events'
const checkins = what === 'checkins'
const t = await benchApp(db as 'sqlite', events ? noopExtensions(50) : pipelineExtensions())
const seeded = events ? [] : await seedNodes(t, Number(count))
const cluster = events ? undefined : await assignAll(t, seeded, PIPELINE_EXTENSION_NAMES)
const url =
  what === 'nodes'
    ? '/api/v1/nodes'
    : `/api/v1/clusters/${cluster?.id}/orchestrator/${what}/defaults${what === 'deployment' ? '?split=1' : ''}`
const once = async () => {
  if (checkins) {
    for (const node of seeded) await t.put('/api/nodes/agent', node.payload)
    return
  }
  if (events) {
    for (let i = 0; i < Number(count); i++) await t.post('/api/v1/nodes', benchPayload())
    return
  }
  const res = await t.inject({ method: 'GET', url })
  if (res.statusCode !== 200) throw new Error(res.body)
}
await once()
const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.setSamplingInterval', { interval: 200 })
await session.post('Profiler.start')
const start = performance.now()
await once()
const elapsed = performance.now() - start
const { profile } = await session.post('Profiler.stop')
const file = `/tmp/nailgun-bench-${what}.cpuprofile`
writeFileSync(file, JSON.stringify(profile))
console.log(`${what}: ${elapsed.toFixed(0)} ms`)
console.log(topFrames(file, 30).join('\n'))
await t.close()
