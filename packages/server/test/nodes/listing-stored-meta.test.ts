import { agentPayload, createTestApp, databases, registerNode, type TestApp } from '@nailgun/testing'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { normalizedNodeMeta } from '../../src/db/migrations/0007-normalized-node-meta.js'
import { API } from './helpers.js'

/** A report as an old or odd agent sends it: upper-case, dash-separated MACs and no NUMA data. */
function oddReport(): Record<string, unknown> {
  const payload = agentPayload() as Record<string, unknown> & { meta: Record<string, unknown> }
  const nics = payload.meta.interfaces as Array<{ mac: string }>
  for (const nic of nics) nic.mac = nic.mac.toUpperCase().replaceAll(':', '-')
  payload.meta.numa_topology = null
  return payload
}

describe.each(databases())('GET /nodes serves the stored meta on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database })
    await registerNode(t)
    await t.post(`${API}/nodes`, oddReport())
    for (let i = 0; i < 70; i++) await registerNode(t)
  })
  afterAll(() => t.close())

  it('shows every node of a long, streamed list exactly as GET /nodes/<id> does', async () => {
    const list = await t.get(`${API}/nodes`)
    expect(list.headers['content-length']).toBeUndefined()
    expect(list.body).toHaveLength(72)
    for (const node of list.body.slice(0, 3)) expect((await t.get(`${API}/nodes/${node.id}`)).body).toEqual(node)
    const odd = list.body[1]
    expect(odd.meta.interfaces.map((nic: { mac: string }) => nic.mac)).toEqual(
      odd.meta.interfaces.map((nic: { mac: string }) => nic.mac.toLowerCase()),
    )
    expect(odd.meta.numa_topology).toEqual({ numa_nodes: [], supported_hugepages: [], distances: [] })
  })

  it('shows the same nodes in a short list, sent whole', async () => {
    const short = await t.get(`${API}/nodes?limit=3`)
    expect(short.headers['content-length']).toBeDefined()
    expect(short.body).toEqual((await t.get(`${API}/nodes`)).body.slice(0, 3))
  })

  it('normalizes the meta stored before meta was normalized on write (migration 0007)', async () => {
    const db = t.app.ctx.database.db
    const node = await registerNode(t)
    const legacy = JSON.stringify({ interfaces: [{ name: 'eth0', mac: '52-54-00-AA-BB-CC' }], numa_topology: null })
    await sql`update nodes set meta = ${legacy} where id = ${node.id}`.execute(db)
    const untouched = await sql<{ meta: string }>`select meta from nodes where id = ${node.id - 1}`.execute(db)
    await normalizedNodeMeta().up(db as never)
    const { rows } = await sql<{ meta: string }>`select meta from nodes where id = ${node.id}`.execute(db)
    expect(JSON.parse(rows[0]?.meta ?? '')).toEqual({
      interfaces: [{ name: 'eth0', mac: '52:54:00:aa:bb:cc' }],
      numa_topology: { numa_nodes: [], supported_hugepages: [], distances: [] },
    })
    const after = await sql<{ meta: string }>`select meta from nodes where id = ${node.id - 1}`.execute(db)
    expect(after.rows[0]?.meta).toBe(untouched.rows[0]?.meta)
  })
})
