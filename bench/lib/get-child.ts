/**
 * Times GET requests from its own process, as the agent check-ins are driven: the client reading
 * tens of megabytes does not share the server's event loop, and the figure is what a client sees,
 * from sending the request to the answer's last byte. argv: url, warm-up runs, measured runs,
 * file for the last answer's body. Prints {status, times}.
 */
import { writeFileSync } from 'node:fs'
import { httpGet } from './http-get.js'

const [url, warmup, runs, bodyFile] = process.argv.slice(2) as [string, string, string, string]
const target = new URL(url)
const times: number[] = []
let last = { status: 0, body: Buffer.alloc(0) as Buffer }
for (let i = 0; i < Number(warmup) + Number(runs); i++) {
  const started = performance.now()
  last = await httpGet(target.origin, `${target.pathname}${target.search}`)
  if (i >= Number(warmup)) times.push(performance.now() - started)
  if (last.status !== 200) break
}
writeFileSync(bodyFile, last.body)
process.stdout.write(JSON.stringify({ status: last.status, times }))
