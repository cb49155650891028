import { agentChecksum, agentPayload, createTestApp, databases, registerNode, type TestApp } from '@nailgun/testing'
import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HeartbeatBatcher } from '../../src/domain/node/node-heartbeats.js'
import { API, notificationsOf } from './helpers.js'

/** Counts the UPDATE statements a Kysely handle runs; throws on them while `failing` is set. */
class UpdateCounter implements KyselyPlugin {
  updates = 0
  failing = false
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (args.node.kind === 'UpdateQueryNode') {
      this.updates++
      if (this.failing) throw new Error('database unavailable')
    }
    return args.node
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

function unchangedReport(mac: string): Record<string, unknown> {
  const payload = agentPayload({ mac }) as Record<string, unknown>
  payload.agent_checksum = agentChecksum(payload)
  return payload
}

async function timestampOf(t: TestApp, id: number): Promise<string> {
  const row = await t.app.ctx.database.db
    .selectFrom('nodes')
    .select('timestamp')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return row.timestamp
}

describe.each(databases())('batched agent heartbeats on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database })
  })
  afterAll(() => t.close())

  it('moves the timestamps of many concurrent unchanged reports in fewer statements than reports', async () => {
    const nodes = await Promise.all(Array.from({ length: 40 }, () => registerNode(t)))
    const counter = new UpdateCounter()
    const batcher = new HeartbeatBatcher(t.app.ctx.database.db.withPlugin(counter), () => '2031-01-01T00:00:00.000Z')
    const answers = await Promise.all(
      nodes.map((node) => batcher.touch({ mac: node.mac, checksum: String(unchangedReport(node.mac).agent_checksum) })),
    )
    expect(answers).toEqual(nodes.map((node) => node.id))
    expect(counter.updates).toBeLessThan(nodes.length)
    for (const node of nodes) expect(await timestampOf(t, node.id)).toBe('2031-01-01T00:00:00.000Z')
  })

  it('answers undefined, changing nothing, for a stale checksum, an unknown MAC or an offline node', async () => {
    const [stale, offline] = [await registerNode(t), await registerNode(t)]
    await t.put(`${API}/nodes/${offline.id}`, { online: false })
    const before = [await timestampOf(t, stale.id), await timestampOf(t, offline.id)]
    const batcher = new HeartbeatBatcher(t.app.ctx.database.db, () => '2032-01-01T00:00:00.000Z')
    const answers = await Promise.all([
      batcher.touch({ mac: stale.mac, checksum: 'not-the-stored-checksum' }),
      batcher.touch({ mac: '52:54:00:ff:ff:01', checksum: 'whatever' }),
      batcher.touch({ mac: offline.mac, checksum: String(unchangedReport(offline.mac).agent_checksum) }),
    ])
    expect(answers).toEqual([undefined, undefined, undefined])
    expect([await timestampOf(t, stale.id), await timestampOf(t, offline.id)]).toEqual(before)
  })

  it('fails every check-in of a batch whose statement failed, and serves the next batch', async () => {
    const node = await registerNode(t)
    const beat = { mac: node.mac, checksum: String(unchangedReport(node.mac).agent_checksum) }
    const counter = new UpdateCounter()
    const batcher = new HeartbeatBatcher(t.app.ctx.database.db.withPlugin(counter))
    counter.failing = true
    const failed = await Promise.allSettled([batcher.touch(beat), batcher.touch(beat)])
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    counter.failing = false
    expect(await batcher.touch(beat)).toBe(node.id)
  })

  it('answers a burst of mixed check-ins each by its own path: cached, changed, back online, unknown', async () => {
    const [steady, changed, offline] = [await registerNode(t), await registerNode(t), await registerNode(t)]
    await t.put(`${API}/nodes/${offline.id}`, { online: false })
    const changedReport = agentPayload({ mac: changed.mac }) as Record<string, unknown>
    ;(changedReport.meta as { cpu: { total: number } }).cpu.total = 96
    changedReport.agent_checksum = agentChecksum(changedReport)
    const send = (body: unknown) => t.put(`${API}/nodes/agent`, body)
    const [a, b, c, d] = await Promise.all([
      send(unchangedReport(steady.mac)),
      send(changedReport),
      send(unchangedReport(offline.mac)),
      send(unchangedReport('52:54:00:ff:ff:02')),
    ])
    expect([a.status, a.body]).toEqual([200, { id: steady.id, cached: true }])
    expect([b.status, b.body]).toEqual([200, { id: changed.id }])
    expect([c.status, c.body]).toEqual([200, { id: offline.id, cached: true }])
    expect(d.status).toBe(400)
    expect((await t.get(`${API}/nodes/${changed.id}`)).body.meta.cpu.total).toBe(96)
    expect((await t.get(`${API}/nodes/${offline.id}`)).body.online).toBe(true)
    expect((await notificationsOf(t, offline.id)).at(-1)?.message).toBe(`Node '${offline.name}' is back online`)
  })
})

describe('the nodes table on postgres', () => {
  it('leaves room in its pages for in-place (HOT) heartbeat updates', async () => {
    const t = await createTestApp({ database: 'postgres' })
    try {
      const { rows } = await sql<{
        reloptions: string[] | null
      }>`select reloptions from pg_class where relname = 'nodes'`.execute(t.app.ctx.database.db)
      expect(rows[0]?.reloptions).toContain('fillfactor=70')
    } finally {
      await t.close()
    }
  })
})
