/**
 * Agent check-ins alone, for trying a change quickly (not part of the bench):
 * `node --import tsx bench/checkins.ts [nodes] [db] [rounds]`. Seeds the nodes (no environment),
 * then alternates autocannon rounds against the bare Fastify route and the server, as the bench does.
 */
import { benchApp } from './lib/app.js'
import { startBaselineServer } from './lib/baseline-server.js'
import { cannon, writeBodies } from './lib/cannon.js'
import { seedNodes } from './lib/seed.js'
import { median } from './lib/stats.js'

const [count = '2000', db = 'sqlite', rounds = '3'] = process.argv.slice(2)
const t = await benchApp(db as 'sqlite' | 'postgres', [])
const seeded = await seedNodes(t, Number(count))
const file = writeBodies(
  'checkins',
  seeded.map((node) => node.payload),
)
const address = await t.app.http.listen({ port: 0, host: '127.0.0.1' })
const baseline = await startBaselineServer()
const app: number[] = []
const bare: number[] = []
for (let round = 0; round < Number(rounds); round++) {
  bare.push((await cannon(baseline.url, file, 5, 16)).rps)
  const result = await cannon(`${address}/api/nodes/agent`, file, 5, 16)
  if (result.non2xx + result.errors > 0)
    console.log(`round ${round}: ${result.non2xx} non-2xx, ${result.errors} errors`)
  app.push(result.rps)
}
const ratio = median(app) / median(bare)
console.log(`${db}: ${median(app).toFixed(0)} req/s vs bare ${median(bare).toFixed(0)} req/s = ${ratio.toFixed(3)}×`)
if (db === 'postgres') {
  const { sql } = await import('kysely')
  const stats = await sql`select n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relname = 'nodes'`.execute(
    t.app.ctx.database.db,
  )
  console.log(stats.rows)
}
await baseline.close()
await t.close()
