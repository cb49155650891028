import { agentPayload, databases, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  API,
  assign,
  createCluster,
  discoverNode,
  GB,
  setPendingRoles,
  volumeManagerApp,
  volumeNames,
  volumeRows,
} from './support/http.js'

/** Disks in the simple format, as the API shows them. */
type Disks = Array<{ id: string; size: number; volumes: Array<{ name: string; size: number }> }>

describe.each(databases())('volume_manager over HTTP on %s', (database) => {
  let t: TestApp

  beforeAll(async () => {
    t = await volumeManagerApp(database)
  })

  afterAll(async () => {
    await t?.close()
  })

  describe('registration', () => {
    it('stores a default layout with the base system only for a node outside any environment', async () => {
      const node = await discoverNode(t)

      const row = (await volumeRows(t)).get(node.id)
      expect(row?.isCustomized).toBe(false)
      const disks = await t.get(`${API}/nodes/${node.id}/disks`)
      expect(disks.status).toBe(200)
      expect(disks.body.map((d: { name: string }) => d.name)).toEqual(['sda', 'sdb'])
      expect(volumeNames(disks.body)).toEqual([['os'], ['os']])
      // The OS takes everything: usable sizes add up to the volumes.
      for (const disk of disks.body) {
        expect(disk.volumes.reduce((sum: number, v: { size: number }) => sum + v.size, 0)).toBe(disk.size)
      }
    })

    it('answers 404 "Node not found" for a node that does not exist', async () => {
      for (const path of ['disks', 'disks/defaults', 'volumes']) {
        const res = await t.get(`${API}/nodes/999999/${path}`)
        expect(res.status).toBe(404)
        expect(res.body.message).toBe('Node not found')
      }
    })

    it('cannot tell the volumes of a node outside any environment', async () => {
      const node = await discoverNode(t)

      const res = await t.get(`${API}/nodes/${node.id}/volumes`)

      expect(res.status).toBe(404)
      expect(res.body.message).toBe('Cannot calculate volumes info. Please, add node to an environment.')
    })
  })

  describe('roles', () => {
    it('lays out the volumes of the roles a node gets, and again when they change', async () => {
      const clusterId = await createCluster(t)
      const node = await discoverNode(t)

      await assign(t, clusterId, node.id, ['compute'])
      expect(volumeNames((await t.get(`${API}/nodes/${node.id}/disks`)).body)).toEqual([
        ['os', 'vm'],
        ['os', 'vm'],
      ])

      await setPendingRoles(t, node.id, ['compute', 'cinder'])
      expect(volumeNames((await t.get(`${API}/nodes/${node.id}/disks`)).body)).toEqual([
        ['os', 'vm', 'cinder'],
        ['os', 'vm', 'cinder'],
      ])

      await setPendingRoles(t, node.id, ['controller'])
      expect(volumeNames((await t.get(`${API}/nodes/${node.id}/disks`)).body)).toEqual([
        ['os', 'image'],
        ['os', 'image'],
      ])
    })

    it('gives each volume of the roles its label, minimum and current size', async () => {
      const clusterId = await createCluster(t)
      const node = await discoverNode(t)
      await assign(t, clusterId, node.id, ['compute'])

      const res = await t.get(`${API}/nodes/${node.id}/volumes`)

      expect(res.status).toBe(200)
      // 500 GB first disk: root 50 GB, 8 GB of RAM: swap 8 GB.
      expect(res.body).toEqual([
        { name: 'os', label: 'Base System', min_size: 51200 + 8192, size: 51200 + 8192 },
        { name: 'vm', label: 'Virtual Storage', min_size: 5120, size: expect.any(Number) },
      ])
      expect(res.body[1].size).toBeGreaterThan(1300 * 1024)
    })
  })

  describe('editing', () => {
    /** A discovered node: the base system over its two disks. */
    async function discovered() {
      const node = await discoverNode(t)
      const disks: Disks = (await t.get(`${API}/nodes/${node.id}/disks`)).body
      return { node, disks }
    }

    it('saves an edited layout, returns it, and serves it from then on', async () => {
      const { node, disks } = await discovered()
      disks[1]!.volumes[0]!.size -= 10_000

      const res = await t.put(`${API}/nodes/${node.id}/disks`, disks)

      expect(res.status).toBe(200)
      expect(res.body).toEqual(disks)
      expect((await t.get(`${API}/nodes/${node.id}/disks`)).body).toEqual(disks)
      expect((await volumeRows(t)).get(node.id)?.isCustomized).toBe(true)
      // The defaults are still the computed ones.
      const defaults = (await t.get(`${API}/nodes/${node.id}/disks/defaults`)).body
      expect(defaults[1].volumes[0].size).toBe(disks[1]!.volumes[0]!.size + 10_000)
    })

    it.each([
      ['an empty list', () => [], 'Node seems not to have disks'],
      [
        'a volume without size',
        (d: Disks) => [{ ...d[0], volumes: [{ name: 'os' }] }],
        "'size' is a required property",
      ],
      ['an unknown disk', (d: Disks) => [{ ...d[0], id: 'sdz' }], "Unknown disk 'sdz'"],
      [
        'an unknown volume',
        (d: Disks) => [{ ...d[0], volumes: [{ name: 'image', size: 1 }] }],
        "has no volume 'image'",
      ],
      [
        'volumes larger than the disk',
        (d: Disks) => [{ ...d[0], volumes: [{ name: 'os', size: d[0]!.size + 1 }] }],
        'Not enough free space on disk',
      ],
      ['not a list', () => ({ id: 'sda' }), 'A list of disks is expected'],
    ])('rejects %s with 400 and changes nothing', async (_case, body, message) => {
      const { node, disks } = await discovered()

      const res = await t.put(`${API}/nodes/${node.id}/disks`, body(structuredClone(disks)))

      expect(res.status).toBe(400)
      expect(res.body.message).toContain(message)
      expect((await t.get(`${API}/nodes/${node.id}/disks`)).body).toEqual(disks)
      expect((await volumeRows(t)).get(node.id)?.isCustomized).toBe(false)
    })

    it('refuses to change the disks of a deployed node with 403', async () => {
      const { node, disks } = await discovered()
      expect((await t.put(`${API}/nodes/${node.id}`, { status: 'ready' })).status).toBe(200)

      const res = await t.put(`${API}/nodes/${node.id}/disks`, disks)

      expect(res.status).toBe(403)
      expect(res.body.message).toContain('cannot be changed while it is ready')
    })

    it('replaces an edited layout when the agent reports other disks', async () => {
      const { node, disks } = await discovered()
      disks[0]!.volumes[0]!.size -= 1000
      await t.put(`${API}/nodes/${node.id}/disks`, disks)

      const checkIn = await t.put(
        `${API}/nodes/agent`,
        agentPayload({
          mac: node.mac,
          disks: [
            { name: 'sda', size: 500_107_862_016 },
            { name: 'sdb', size: 1_000_204_886_016 },
            { name: 'sdc', size: 2000 * GB },
          ],
        }),
      )
      expect(checkIn.status, checkIn.text).toBe(200)

      const after = (await t.get(`${API}/nodes/${node.id}/disks`)).body
      expect(after.map((d: { name: string }) => d.name)).toEqual(['sda', 'sdb', 'sdc'])
      expect((await volumeRows(t)).get(node.id)?.isCustomized).toBe(false)
    })

    it('keeps an edited layout when the agent checks in with the same disks', async () => {
      const { node, disks } = await discovered()
      disks[0]!.volumes[0]!.size -= 1000
      await t.put(`${API}/nodes/${node.id}/disks`, disks)

      const checkIn = await t.put(`${API}/nodes/agent`, agentPayload({ mac: node.mac }))
      expect(checkIn.status, checkIn.text).toBe(200)

      expect((await t.get(`${API}/nodes/${node.id}/disks`)).body).toEqual(disks)
    })

    describe('in an environment', () => {
      async function computeNode() {
        const clusterId = await createCluster(t)
        const node = await discoverNode(t)
        await assign(t, clusterId, node.id, ['compute'])
        const disks: Disks = (await t.get(`${API}/nodes/${node.id}/disks`)).body
        return { node, disks }
      }

      it('keeps an edited layout when the roles still need the same volumes', async () => {
        const { node, disks } = await computeNode()
        disks[0]!.volumes[1]!.size -= 1000
        await t.put(`${API}/nodes/${node.id}/disks`, disks)

        await setPendingRoles(t, node.id, ['virt'])

        expect((await t.get(`${API}/nodes/${node.id}/disks`)).body).toEqual(disks)
      })

      it('replaces an edited layout when the roles need other volumes', async () => {
        const { node, disks } = await computeNode()
        await t.put(`${API}/nodes/${node.id}/disks`, disks)

        await setPendingRoles(t, node.id, ['controller'])

        expect(volumeNames((await t.get(`${API}/nodes/${node.id}/disks`)).body)[0]).toEqual(['os', 'image'])
        expect((await volumeRows(t)).get(node.id)?.isCustomized).toBe(false)
      })

      it('rejects the base system on two disks of an Ubuntu node', async () => {
        const { node, disks } = await computeNode()
        disks[1]!.volumes[0]!.size = 100
        disks[1]!.volumes[1]!.size -= 100

        const res = await t.put(`${API}/nodes/${node.id}/disks`, disks)

        expect(res.status).toBe(400)
        expect(res.body.message).toBe('Base system should be allocated on one disk only')
      })
    })
  })

  describe('deletion', () => {
    it('removes the layout with the node', async () => {
      const node = await discoverNode(t)
      expect((await volumeRows(t)).has(node.id)).toBe(true)

      const res = await t.delete(`${API}/nodes/${node.id}`)
      expect(res.status, res.text).toBeLessThan(300)
      for (let i = 0; i < 500 && (await t.get(`${API}/nodes/${node.id}`)).status !== 404; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }

      expect((await t.get(`${API}/nodes/${node.id}`)).status).toBe(404)
      expect((await volumeRows(t)).has(node.id)).toBe(false)
    })
  })
})
