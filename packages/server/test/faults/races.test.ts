/**
 * Races between two API servers on one PostgreSQL database: agents checking in with the same MAC
 * through both at once never create two nodes; two operators deleting one environment at once
 * start exactly one deletion, the other is refused with 4xx and changes nothing.
 */
import { agentPayload, createTestApp, nextMac, prepareCluster, type TestApp, waitForGone } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

describe('two servers on one PostgreSQL database', () => {
  let a: TestApp
  let b: TestApp
  beforeAll(async () => {
    a = await createTestApp({ database: 'postgres' })
    b = await createTestApp({ database: 'postgres', config: { databaseUrl: a.app.ctx.config.databaseUrl } })
  })
  afterAll(async () => {
    await b?.close()
    await a?.close()
  })

  it('creates one node when the same agent registers through both servers at once', async () => {
    for (let round = 0; round < 5; round++) {
      const payload = agentPayload({ mac: nextMac() })
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).post('/api/v1/nodes', payload)),
      )
      const statuses = answers.map((r) => r.status).sort()
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409])
      const nodes = (await a.get('/api/v1/nodes')).body as { mac: string }[]
      expect(nodes.filter((n) => n.mac === payload.mac.toLowerCase())).toHaveLength(1)
    }
  })

  it('checks a known agent in through both servers at once without duplicating it', async () => {
    const payload = agentPayload({ mac: nextMac() })
    expect((await a.post('/api/v1/nodes', payload)).status).toBe(201)
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).put('/api/v1/nodes/agent', payload)),
    )
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200))
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1)
  })

  it('starts exactly one deletion when two operators delete one environment at once', async () => {
    const { cluster } = await prepareCluster(a)
    const answers = await Promise.all([a, b].map((x) => x.delete(`/api/v1/clusters/${cluster.id}`)))
    const winners = answers.filter((r) => r.status < 300)
    const losers = answers.filter((r) => r.status >= 400 && r.status < 500)
    expect([winners.length, losers.length], JSON.stringify(answers.map((r) => [r.status, r.body]))).toEqual([1, 1])
    expect(losers[0]!.body.message).toEqual(expect.any(String))
    await waitForGone(a, `/api/v1/clusters/${cluster.id}`)
  })
})
