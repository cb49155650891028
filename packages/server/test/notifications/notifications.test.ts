import { createCluster, createTestApp, databases, registerNode, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNotification, type NewNotification } from '../../src/domain/notification/index.js'
import { API } from '../clusters/helpers.js'

describe.each(databases())('/notifications on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database })
  })
  afterAll(() => t.close())

  const notify = (input: NewNotification) => createNotification(t.app.ctx.database.db, input)
  const statusOf = async (id: number) => (await t.get(`${API}/notifications/${id}`)).body.status

  it('serves a notification with Nailgun fields, time and date', async () => {
    const cluster = await createCluster(t)
    const note = await notify({ topic: 'done', message: 'Deployment is done', clusterId: cluster.id })
    const res = await t.get(`${API}/notifications/${note.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      id: note.id,
      cluster: cluster.id,
      topic: 'done',
      message: 'Deployment is done',
      status: 'unread',
      node_id: null,
      task_id: null,
      time: expect.stringMatching(/^\d\d:\d\d:\d\d$/),
      date: expect.stringMatching(/^\d\d-\d\d-\d{4}$/),
    })
    expect((await t.get(`${API}/notifications/99999`)).body).toEqual({ message: 'Notification not found', errors: [] })
  })

  it('lists with ?cluster_id=, pagination and Content-Range', async () => {
    const cluster = await createCluster(t)
    const ids: number[] = []
    for (const message of ['one', 'two', 'three'])
      ids.push((await notify({ topic: 'warning', message, clusterId: cluster.id })).id)
    const res = await t.get(`${API}/notifications?cluster_id=${cluster.id}`)
    expect(res.body.map((n: { id: number }) => n.id)).toEqual(ids)
    expect(res.headers['content-range']).toBe('objects 1-3/3')
    const page = await t.get(`${API}/notifications?cluster_id=${cluster.id}&limit=1&offset=1&order_by=-id`)
    expect(page.body.map((n: { message: string }) => n.message)).toEqual(['two'])
    expect(page.headers['content-range']).toBe('objects 2-2/3')
    expect((await t.get(`${API}/notifications?cluster_id=${cluster.id}&offset=3`)).status).toBe(416)
    const none = await t.get(`${API}/notifications?cluster_id=`)
    expect(none.body.every((n: { cluster: number | null }) => n.cluster === null)).toBe(true)
  })

  it('marks one notification read and unread', async () => {
    const note = await notify({ topic: 'error', message: 'Failed' })
    const res = await t.put(`${API}/notifications/${note.id}`, { status: 'read', message: 'ignored' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: note.id, status: 'read', message: 'Failed' })
    await t.put(`${API}/notifications/${note.id}`, { status: 'unread' })
    expect(await statusOf(note.id)).toBe('unread')
  })

  it('refuses a bad status with 400 "Bad status" and an unknown id with 404, changing nothing', async () => {
    const note = await notify({ topic: 'error', message: 'Failed' })
    for (const body of [{ status: 'seen' }, {}, { status: 1 }]) {
      const res = await t.put(`${API}/notifications/${note.id}`, body)
      expect(res.status).toBe(400)
      expect(res.body.message).toBe('Bad status')
    }
    expect(await statusOf(note.id)).toBe('unread')
    expect((await t.put(`${API}/notifications/99999`, { status: 'read' })).status).toBe(404)
  })

  it('changes statuses in bulk and answers the changed notifications', async () => {
    const [a, b] = [await notify({ topic: 'done', message: 'a' }), await notify({ topic: 'done', message: 'b' })]
    const res = await t.put(`${API}/notifications`, [
      { id: a.id, status: 'read' },
      { id: b.id, status: 'read' },
    ])
    expect(res.status).toBe(200)
    expect(res.body.map((n: { id: number; status: string }) => [n.id, n.status])).toEqual([
      [a.id, 'read'],
      [b.id, 'read'],
    ])
  })

  it('refuses a bulk change naming an unknown id, or malformed, with 400 and changes none', async () => {
    const a = await notify({ topic: 'done', message: 'a' })
    const cases: [unknown, string][] = [
      [
        [
          { id: a.id, status: 'read' },
          { id: 99999, status: 'read' },
        ],
        'Invalid ID specified',
      ],
      [[{ id: a.id, status: 'read' }, { status: 'read' }], 'ID is not set correctly'],
      [[{ id: a.id }], 'Status is not set correctly'],
      [[{ id: a.id, status: 'gone' }], 'Bad status'],
    ]
    for (const [body, message] of cases) {
      const res = await t.put(`${API}/notifications`, body)
      expect(res.status).toBe(400)
      expect(res.body.message).toBe(message)
    }
    expect((await t.put(`${API}/notifications`, { id: a.id })).status).toBe(400)
    expect(await statusOf(a.id)).toBe('unread')
  })

  it('counts notifications by status and marks them all at once', async () => {
    await notify({ topic: 'done', message: 'x' })
    await t.put(`${API}/notifications/change_status`, { status: 'unread' })
    const before = (await t.get(`${API}/notifications/stats`)).body
    expect(before).toEqual({ total: expect.any(Number), read: 0, unread: before.total })
    const res = await t.put(`${API}/notifications/change_status`, { status: 'read' })
    expect(res.status).toBe(200)
    expect(res.body).toBeNull()
    expect((await t.get(`${API}/notifications/stats`)).body).toEqual({
      total: before.total,
      read: before.total,
      unread: 0,
    })
    expect((await t.post(`${API}/notifications/change_status`, { status: 'unread' })).status).toBe(200)
    expect((await t.get(`${API}/notifications/stats`)).body.unread).toBe(before.total)
    expect((await t.put(`${API}/notifications/change_status`, { status: 'maybe' })).status).toBe(400)
  })

  it('refuses unknown topics, and discover notifications without a node', async () => {
    await expect(notify({ topic: 'gossip' as never, message: 'x' })).rejects.toThrow(
      'Notification topic is not found or invalid',
    )
    await expect(notify({ topic: 'discover', message: 'x' })).rejects.toThrow('No node id in discover notification')
    const node = await registerNode(t)
    expect(await notify({ topic: 'discover', message: 'x', nodeId: node.id })).toMatchObject({ nodeId: node.id })
  })
})
