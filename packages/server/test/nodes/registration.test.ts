import { agentPayload, createTestApp, databases, nextMac, registerNode, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API, nicRows, nodeCount, notificationsOf, snapshot } from './helpers.js'

describe.each(databases())('node registration (POST /nodes) on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database })
  })
  afterAll(() => t.close())

  it('creates a discover node with Nailgun defaults and answers 201 with its JSON', async () => {
    const payload = agentPayload()
    const res = await t.post(`${API}/nodes`, payload)
    expect(res.status).toBe(201)
    const node = res.body
    const mac = (payload.mac as string).toLowerCase()
    expect(node).toMatchObject({
      status: 'discover',
      mac,
      name: `Untitled (${mac.slice(-5)})`,
      hostname: `node-${node.id}`,
      fqdn: `node-${node.id}.test.domain.local`,
      cluster: null,
      group_id: null,
      roles: [],
      pending_roles: [],
      pending_addition: false,
      pending_deletion: false,
      online: true,
      progress: 0,
      ip: '10.20.0.10',
      manufacturer: 'Supermicro',
      platform_name: 'X9DRW',
      os_platform: 'ubuntu',
      error_type: null,
      labels: {},
      network_data: [],
    })
    expect(node.uuid).toMatch(/^[0-9a-f-]{36}$/)
    expect(node.meta.disks.map((d: { size: number }) => d.size)).toEqual([500_107_862_016, 1_000_204_886_016])
  })

  it('lower-cases the PXE MAC and every interface MAC', async () => {
    const node = await registerNode(t)
    expect(node.mac).toBe(node.mac.toLowerCase())
    for (const nic of node.meta.interfaces) expect(nic.mac).toBe(nic.mac.toLowerCase())
    const rows = await nicRows(t, node.id)
    expect(rows.map((r) => r.name)).toEqual(['eth0', 'eth1', 'eth2'])
    expect(rows.every((r) => r.mac === r.mac.toLowerCase())).toBe(true)
    expect(rows[0]?.mac).toBe(node.mac)
  })

  it('files a discover notification with the hardware summary', async () => {
    const node = await registerNode(t)
    const notes = await notificationsOf(t, node.id)
    expect(notes).toEqual([
      { topic: 'discover', message: 'New node is discovered: 4 CPUs / 8.0 GB RAM / 1.5003 TB HDD ' },
    ])
  })

  it('accepts null memory.total and null numa_topology, and never serves numa_topology as null', async () => {
    const payload = agentPayload()
    const meta = payload.meta as Record<string, unknown>
    meta.memory = { total: null }
    meta.numa_topology = null
    meta.some_future_key = { nested: true }
    const res = await t.post(`${API}/nodes`, { ...payload, unknown_field: 42 })
    expect(res.status).toBe(201)
    expect(res.body.meta.numa_topology).toEqual({ numa_nodes: [], supported_hugepages: [], distances: [] })
    expect(res.body.meta.some_future_key).toEqual({ nested: true })
    const again = await t.get(`${API}/nodes/${res.body.id}`)
    expect(again.body.meta.numa_topology).not.toBeNull()
    expect((await notificationsOf(t, res.body.id))[0]?.message).toMatch(/unknown RAM/)
  })

  it('drops malformed NICs on registration instead of failing', async () => {
    const payload = agentPayload()
    const meta = payload.meta as { interfaces: unknown[] }
    meta.interfaces.push({ name: 'eth9' }, { mac: 'aa:bb:cc:dd:ee:99' })
    const res = await t.post(`${API}/nodes`, payload)
    expect(res.status).toBe(201)
    expect(res.body.meta.interfaces).toHaveLength(3)
    expect(await nicRows(t, res.body.id)).toHaveLength(3)
  })

  it('refuses a node that is not in discover with 403 and changes nothing', async () => {
    const before = await snapshot(t)
    const res = await t.post(`${API}/nodes`, agentPayload({ status: 'ready' }))
    expect(res.status).toBe(403)
    expect(res.body).toEqual({ message: 'Only bootstrap nodes are allowed to be registered.', errors: [] })
    const noStatus = await t.post(`${API}/nodes`, agentPayload({ status: null }))
    expect(noStatus.status).toBe(403)
    expect(await snapshot(t)).toEqual(before)
  })

  it('refuses a report without a MAC with 400 and changes nothing', async () => {
    const count = await nodeCount(t)
    const { mac: _mac, ...payload } = agentPayload()
    const res = await t.post(`${API}/nodes`, payload)
    expect(res.status).toBe(400)
    expect(res.body.message).toBe('No mac address specified')
    expect(await nodeCount(t)).toBe(count)
  })

  it('refuses a known PXE MAC (in any case) with 409 and changes nothing', async () => {
    const node = await registerNode(t)
    const before = await snapshot(t)
    const res = await t.post(`${API}/nodes`, agentPayload({ mac: node.mac.toUpperCase() }))
    expect(res.status).toBe(409)
    expect(res.body.message).toMatch(/already exists/)
    expect(await snapshot(t)).toEqual(before)
  })

  it('refuses a new PXE MAC that is already an interface of another node with 409', async () => {
    const node = await registerNode(t)
    const count = await nodeCount(t)
    const secondNic = node.meta.interfaces[1].mac
    const res = await t.post(
      `${API}/nodes`,
      agentPayload({ mac: secondNic, interfaces: [{ name: 'eth0', mac: secondNic }] }),
    )
    expect(res.status).toBe(409)
    expect(await nodeCount(t)).toBe(count)
  })

  it('refuses a report whose NIC MAC belongs to another node with 409', async () => {
    const node = await registerNode(t)
    const count = await nodeCount(t)
    const mac = nextMac()
    const res = await t.post(
      `${API}/nodes`,
      agentPayload({
        mac,
        interfaces: [
          { name: 'eth0', mac },
          { name: 'eth1', mac: node.meta.interfaces[2].mac },
        ],
      }),
    )
    expect(res.status).toBe(409)
    expect(await nodeCount(t)).toBe(count)
  })

  it('answers 400 to wrong types of known fields, bad MACs and meta without interfaces', async () => {
    const count = await nodeCount(t)
    const bad = [
      { ...agentPayload(), mac: 12 },
      { ...agentPayload(), mac: 'not-a-mac' },
      { ...agentPayload(), meta: 'big' },
      { ...agentPayload(), ip: 'ten' },
      { ...agentPayload(), meta: { interfaces: 'eth0' } },
      { ...agentPayload(), meta: { disks: [] } },
      [agentPayload()],
    ]
    for (const body of bad) {
      const res = await t.post(`${API}/nodes`, body)
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      expect(res.body).toHaveProperty('message')
      expect(res.body).toHaveProperty('errors')
    }
    expect(await nodeCount(t)).toBe(count)
  })

  it('answers 400 to malformed JSON and to an empty body', async () => {
    const res = await t.inject({
      method: 'POST',
      url: `${API}/nodes`,
      payload: '{"mac": ',
      headers: { 'content-type': 'application/json' },
    })
    expect(res.statusCode).toBe(400)
    expect(JSON.parse(res.body).message).toBe('Invalid json received')
    const empty = await t.inject({
      method: 'POST',
      url: `${API}/nodes`,
      payload: '',
      headers: { 'content-type': 'application/json' },
    })
    expect(empty.statusCode).toBe(400)
  })

  it('is public: an agent needs no token even when the API requires one', async () => {
    const secured = await createTestApp({ database, config: { auth: 'keystone', adminPassword: 'secret-admin-pw' } })
    try {
      expect((await secured.post(`${API}/nodes`, agentPayload())).status).toBe(201)
      expect((await secured.get(`${API}/nodes`)).status).toBe(401)
    } finally {
      await secured.close()
    }
  })
})
