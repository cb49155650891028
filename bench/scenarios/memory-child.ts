/**
 * Child process of the memory scenario: builds the environment, then measures the peak RSS of
 * one `GET .../deployment/defaults?split=1` over a real socket. The kernel's high-water mark (VmHWM) is reset just
 * before the request (`/proc/self/clear_refs` ← 5), so the peak is the request's own.
 * argv: database, nodes. Prints {rssBefore, peak, bytes}.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { PIPELINE_EXTENSION_NAMES, pipelineExtensions } from '../extensions/pipeline-extensions.js'
import { benchApp } from '../lib/app.js'
import { httpGetLength } from '../lib/http-get.js'
import { assignAll, seedNodes } from '../lib/seed.js'

function statusKb(field: string): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`))
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024
}

const [database, count] = process.argv.slice(2) as ['sqlite' | 'postgres', string]
const t = await benchApp(database, pipelineExtensions())
try {
  const cluster = await assignAll(t, await seedNodes(t, Number(count)), PIPELINE_EXTENSION_NAMES)
  const url = `/api/v1/clusters/${cluster.id}/orchestrator/deployment/defaults?split=1`
  const address = await t.app.http.listen({ port: 0, host: '127.0.0.1' })
  await httpGetLength(address, `${url}&nodes=1`) // load the code paths once
  globalThis.gc?.()
  globalThis.gc?.()
  writeFileSync('/proc/self/clear_refs', '5')
  const rssBefore = statusKb('VmRSS')
  // The client counts the bytes and drops them: the peak is the server's, not a copy of the answer.
  const res = await httpGetLength(address, url)
  const peak = statusKb('VmHWM')
  process.stdout.write(JSON.stringify({ rssBefore, peak, bytes: res.bytes, status: res.status }))
} finally {
  await t.close()
}
