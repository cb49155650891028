/**
 * Before/after of one optimisation, in one process on one environment (so the shared machine's
 * noise hits both alike): the deployment `/defaults` build reading the environment's nodes twice
 * (before) or once (after, `allNodes`). `node --import tsx bench/ab-node-reads.ts [nodes] [db]`.
 */
import { clusterNodes, selectNodes } from '../packages/server/src/deployment/facts-input.js'
import { buildDeploymentFacts } from '../packages/server/src/deployment/facts-service.js'
import { findCluster } from '../packages/server/src/domain/cluster/index.js'
import { PIPELINE_EXTENSION_NAMES, pipelineExtensions } from './extensions/pipeline-extensions.js'
import { benchApp } from './lib/app.js'
import { assignAll, seedNodes } from './lib/seed.js'
import { median, timed } from './lib/stats.js'

const [count = '10000', db = 'sqlite'] = process.argv.slice(2)
const t = await benchApp(db as 'sqlite', pipelineExtensions())
const { id } = await assignAll(t, await seedNodes(t, Number(count)), PIPELINE_EXTENSION_NAMES)
const ctx = t.app.ctx
const build = (once: boolean) =>
  ctx.database.db.transaction().execute(async (trx) => {
    const cluster = await findCluster(trx, id)
    if (!cluster) throw new Error('no cluster')
    const allNodes = await clusterNodes(trx, cluster.id)
    const nodes = selectNodes(allNodes, undefined, cluster.id)
    return buildDeploymentFacts(ctx, trx, { cluster, nodes, ignoreCustomized: true, ...(once ? { allNodes } : {}) })
  })
const before: number[] = []
const after: number[] = []
await build(true)
for (let i = 0; i < 5; i++) {
  before.push((await timed(() => build(false))).ms)
  after.push((await timed(() => build(true))).ms)
}
console.log(JSON.stringify({ nodes: Number(count), db, beforeMs: median(before), afterMs: median(after) }))
await t.close()
