import { agentChecksum, agentPayload, createTestApp, databases, registerNode, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API, nicRows, notificationsOf, snapshot } from './helpers.js'

type Payload = Record<string, unknown> & { meta: Record<string, unknown> }

/** The agent's next report: `change` applied to a fresh payload of the same machine, re-signed. */
function report(mac: string, change: (p: Payload) => void = () => {}): Payload {
  const payload = agentPayload({ mac }) as Payload
  change(payload)
  payload.agent_checksum = agentChecksum(payload)
  return payload
}

async function setNode(t: TestApp, id: number, fields: Record<string, unknown>): Promise<void> {
  const res = await t.put(`${API}/nodes/${id}`, fields)
  expect(res.status).toBe(200)
}

describe.each(databases())('agent check-in (PUT /nodes/agent) on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database })
  })
  afterAll(() => t.close())

  it('answers {id, cached: true} to an unchanged report and only refreshes the timestamp', async () => {
    const node = await registerNode(t)
    const before = await t.get(`${API}/nodes/${node.id}`)
    const res = await t.put(`${API}/nodes/agent`, report(node.mac))
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ id: node.id, cached: true })
    expect((await t.get(`${API}/nodes/${node.id}`)).body).toEqual(before.body)
  })

  it('updates meta, manufacturer and NICs from a changed report and answers {id}', async () => {
    const node = await registerNode(t)
    const res = await t.put(
      `${API}/nodes/agent`,
      report(node.mac, (p) => {
        p.manufacturer = 'Dell'
        ;(p.meta.cpu as { total: number }).total = 8
        ;(p.meta.interfaces as { name: string }[]).pop()
      }),
    )
    expect(res.body).toEqual({ id: node.id })
    const after = (await t.get(`${API}/nodes/${node.id}`)).body
    expect(after.manufacturer).toBe('Dell')
    expect(after.meta.cpu.total).toBe(8)
    expect((await nicRows(t, node.id)).map((r) => r.name)).toEqual(['eth0', 'eth1'])
  })

  it('finds the node by id when the report has no MAC', async () => {
    const node = await registerNode(t)
    const { mac: _mac, ...payload } = report(node.mac, (p) => {
      p.platform_name = 'R630'
    })
    const res = await t.put(`${API}/nodes/agent`, { ...payload, id: node.id })
    expect(res.body).toEqual({ id: node.id })
    expect((await t.get(`${API}/nodes/${node.id}`)).body.platform_name).toBe('R630')
  })

  it('finds the node by a NIC MAC when its PXE NIC was replaced', async () => {
    const node = await registerNode(t)
    const newPxe = '02:00:00:aa:bb:01'
    const payload = report(node.mac, (p) => {
      p.mac = newPxe.toUpperCase()
      const nics = p.meta.interfaces as { mac: string }[]
      ;(nics[0] as { mac: string }).mac = newPxe.toUpperCase()
    })
    const res = await t.put(`${API}/nodes/agent`, payload)
    expect(res.body).toEqual({ id: node.id })
    const after = (await t.get(`${API}/nodes/${node.id}`)).body
    expect(after.mac).toBe(newPxe)
    expect((await nicRows(t, node.id)).map((r) => r.mac)).toContain(newPxe)
  })

  it('accepts the one-element list old agents send', async () => {
    const node = await registerNode(t)
    const res = await t.put(`${API}/nodes/agent`, [report(node.mac)])
    expect(res.body).toEqual({ id: node.id, cached: true })
  })

  it('answers 400 for an unknown node so the agent registers again, and changes nothing', async () => {
    const before = await snapshot(t)
    const unknown = await t.put(`${API}/nodes/agent`, agentPayload())
    expect(unknown.status).toBe(400)
    expect(unknown.body.message).toBe('Invalid MAC is specified')
    const byId = await t.put(`${API}/nodes/agent`, { id: 99999, meta: { interfaces: [] } })
    expect(byId.status).toBe(400)
    expect(byId.body.message).toBe('Invalid ID specified')
    const neither = await t.put(`${API}/nodes/agent`, { meta: { interfaces: [] } })
    expect(neither.status).toBe(400)
    expect(neither.body.message).toBe('Neither MAC nor ID is specified')
    expect(await snapshot(t)).toEqual(before)
  })

  it('answers 400 to wrong types of known fields and changes nothing', async () => {
    const node = await registerNode(t)
    const before = await snapshot(t)
    for (const body of [
      { mac: node.mac, status: 'sleeping' },
      { mac: node.mac, manufacturer: 7 },
      { mac: node.mac, meta: { interfaces: {} } },
      { mac: node.mac, agent_checksum: 1 },
    ]) {
      expect((await t.put(`${API}/nodes/agent`, body)).status).toBe(400)
    }
    expect(await snapshot(t)).toEqual(before)
  })

  it('is lenient with null memory, null numa_topology and unknown fields', async () => {
    const node = await registerNode(t)
    const res = await t.put(
      `${API}/nodes/agent`,
      report(node.mac, (p) => {
        p.meta.memory = null
        p.meta.numa_topology = null
        p.whatever = { x: 1 }
      }),
    )
    expect(res.status).toBe(200)
    const after = (await t.get(`${API}/nodes/${node.id}`)).body
    expect(after.meta.memory).toBeNull()
    expect(after.meta.numa_topology).toEqual({ numa_nodes: [], supported_hugepages: [], distances: [] })
  })

  it('keeps the known disks when a report has none', async () => {
    const node = await registerNode(t)
    await t.put(
      `${API}/nodes/agent`,
      report(node.mac, (p) => {
        p.meta.disks = []
      }),
    )
    expect((await t.get(`${API}/nodes/${node.id}`)).body.meta.disks).toHaveLength(2)
  })

  it('does not let the agent move a node out of provisioning or deploying', async () => {
    for (const status of ['provisioning', 'deploying']) {
      const node = await registerNode(t)
      await setNode(t, node.id, { status })
      const res = await t.put(
        `${API}/nodes/agent`,
        report(node.mac, (p) => {
          ;(p.meta.disks as { size: number }[])[0]!.size = 1
        }),
      )
      expect(res.body).toEqual({ id: node.id })
      const after = (await t.get(`${API}/nodes/${node.id}`)).body
      expect(after.status).toBe(status)
      // Disks are frozen once provisioning started.
      expect(after.meta.disks[0].size).toBe(500_107_862_016)
    }
  })

  it('takes the reported status on a node that is not being deployed', async () => {
    const node = await registerNode(t)
    await setNode(t, node.id, { status: 'ready' })
    const changed = report(node.mac, (p) => {
      p.manufacturer = 'QEMU'
    })
    expect((await t.put(`${API}/nodes/agent`, changed)).body).toEqual({ id: node.id })
    expect((await t.get(`${API}/nodes/${node.id}`)).body.status).toBe('discover')
  })

  it('brings an offline node back online with a notification', async () => {
    const node = await registerNode(t)
    await setNode(t, node.id, { online: false })
    const res = await t.put(`${API}/nodes/agent`, report(node.mac))
    expect(res.body).toEqual({ id: node.id, cached: true })
    expect((await t.get(`${API}/nodes/${node.id}`)).body.online).toBe(true)
    const notes = await notificationsOf(t, node.id)
    expect(notes.at(-1)).toEqual({ topic: 'discover', message: `Node '${node.name}' is back online` })
  })

  it('skips a NIC whose MAC another node owns instead of failing the check-in', async () => {
    const a = await registerNode(t)
    const b = await registerNode(t)
    const stolen = a.meta.interfaces[1].mac
    const res = await t.put(
      `${API}/nodes/agent`,
      report(b.mac, (p) => {
        ;(p.meta.interfaces as unknown[]).push({ name: 'eth7', mac: stolen })
      }),
    )
    expect(res.status).toBe(200)
    expect((await nicRows(t, b.id)).map((r) => r.mac)).not.toContain(stolen)
    expect((await nicRows(t, a.id)).map((r) => r.mac)).toContain(stolen)
  })

  it('requires X-Agent-Token on the agent routes when one is configured', async () => {
    const guarded = await createTestApp({ database, config: { agentToken: 'sesame' } })
    try {
      const payload = agentPayload()
      expect((await guarded.post(`${API}/nodes`, payload)).status).toBe(401)
      guarded.headers['x-agent-token'] = 'sesame'
      expect((await guarded.post(`${API}/nodes`, payload)).status).toBe(201)
      expect((await guarded.put(`${API}/nodes/agent`, payload)).status).toBe(200)
    } finally {
      await guarded.close()
    }
  })
})
