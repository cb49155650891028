/**
 * Drives one autocannon run from its own process, so the load generator does not share the
 * server's event loop. argv: url, bodies file (a JSON array of request bodies, cycled), seconds,
 * connections. Prints autocannon's result as JSON.
 */
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

const [url, bodiesFile, seconds, connections] = process.argv.slice(2) as [string, string, string, string]
const bodies = (JSON.parse(readFileSync(bodiesFile, 'utf8')) as unknown[]).map((b) => JSON.stringify(b))
let next = 0
const result = await autocannon({
  url,
  method: 'PUT',
  connections: Number(connections),
  duration: Number(seconds),
  headers: { 'content-type': 'application/json' },
  requests: [
    {
      setupRequest: (request: Record<string, unknown>) => {
        request.body = bodies[next++ % bodies.length]
        return request
      },
    },
  ],
})
process.stdout.write(
  JSON.stringify({
    rps: result.requests.average,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  }),
)
