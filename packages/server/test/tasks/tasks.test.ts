import { createCluster, createTestApp, databases, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTask, findTask, type NewTask, updateTask } from '../../src/domain/task/index.js'
import { API } from '../clusters/helpers.js'

describe.each(databases())('/tasks and /transactions on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database })
  })
  afterAll(() => t.close())

  const task = (input: NewTask) => createTask(t.app.ctx.database.db, input)
  const ids = (body: { id: number }[]) => body.map((x) => x.id)

  it('serves a task with the task and transaction fields', async () => {
    const cluster = await createCluster(t)
    const parent = await task({ name: 'deploy', clusterId: cluster.id, status: 'running' })
    const child = await task({ name: 'provision', clusterId: cluster.id, parentId: parent.id, weight: 0.4 })
    const res = await t.get(`${API}/tasks/${child.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      id: child.id,
      uuid: child.uuid,
      name: 'provision',
      status: 'pending',
      progress: 0,
      message: null,
      cluster: cluster.id,
      parent_id: parent.id,
      result: {},
      time_start: null,
      time_end: null,
      dry_run: false,
      graph_type: null,
    })
    expect((await t.get(`${API}/transactions/${child.id}`)).body).toEqual(res.body)
    expect((await t.get(`${API}/tasks/99999`)).body).toEqual({ message: 'Task not found', errors: [] })
    expect((await t.get(`${API}/transactions/99999`)).body.message).toBe('Transaction not found')
  })

  it('stamps time_start when a task leaves pending and time_end when it finishes, once', async () => {
    const db = t.app.ctx.database.db
    const created = await task({ name: 'dump' })
    const running = await updateTask(db, created.id, { status: 'running', progress: 10 })
    expect(running.timeStart).toEqual(expect.any(String))
    expect(running.timeEnd).toBeNull()
    const ready = await updateTask(db, created.id, { status: 'ready', progress: 100, message: 'done' })
    expect(ready).toMatchObject({ status: 'ready', progress: 100, message: 'done', timeStart: running.timeStart })
    expect(ready.timeEnd).toEqual(expect.any(String))
    const again = await updateTask(db, created.id, { status: 'error' })
    expect(again.timeEnd).toBe(ready.timeEnd)
  })

  it('filters by cluster_id and by status, repeated or comma-separated', async () => {
    const cluster = await createCluster(t)
    const ready = await task({ name: 'deploy', clusterId: cluster.id, status: 'ready' })
    const error = await task({ name: 'deployment', clusterId: cluster.id, status: 'error' })
    const running = await task({ name: 'provision', clusterId: cluster.id, status: 'running' })
    const base = `${API}/tasks?cluster_id=${cluster.id}`
    expect(ids((await t.get(base)).body)).toEqual([ready.id, error.id, running.id])
    expect(ids((await t.get(`${base}&status=ready`)).body)).toEqual([ready.id])
    expect(ids((await t.get(`${base}&status=ready&status=running`)).body)).toEqual([ready.id, running.id])
    expect(ids((await t.get(`${base}&status=error,running`)).body)).toEqual([error.id, running.id])
    const bad = await t.get(`${base}&status=done`)
    expect(bad.status).toBe(400)
    expect(bad.body.message).toBe('Status parameter could only be one of: ready, running, error, pending')
    const orphan = await task({ name: 'dump', status: 'ready' })
    expect(ids((await t.get(`${API}/tasks?cluster_id=`)).body)).toContain(orphan.id)
    expect(ids((await t.get(`${API}/tasks?cluster_id=`)).body)).not.toContain(ready.id)
  })

  it('pages with limit, offset, order_by and Content-Range', async () => {
    const cluster = await createCluster(t)
    const made = [await task({ name: 'a', clusterId: cluster.id }), await task({ name: 'b', clusterId: cluster.id })]
    const res = await t.get(`${API}/tasks?cluster_id=${cluster.id}&limit=1&order_by=-id`)
    expect(ids(res.body)).toEqual([made[1]!.id])
    expect(res.headers['content-range']).toBe('objects 1-1/2')
    expect((await t.get(`${API}/tasks?cluster_id=${cluster.id}&offset=2`)).status).toBe(416)
  })

  it('lists transactions by statuses and transaction_types', async () => {
    const cluster = await createCluster(t)
    const deploy = await task({ name: 'deploy', clusterId: cluster.id, status: 'ready' })
    const child = await task({ name: 'deployment', clusterId: cluster.id, parentId: deploy.id, status: 'ready' })
    const dump = await task({ name: 'dump', clusterId: cluster.id, status: 'running' })
    const base = `${API}/transactions?cluster_id=${cluster.id}`
    expect(ids((await t.get(base)).body)).toEqual([deploy.id, child.id, dump.id])
    expect(ids((await t.get(`${base}&statuses=running`)).body)).toEqual([dump.id])
    expect(ids((await t.get(`${base}&transaction_types=deploy,dump`)).body)).toEqual([deploy.id, dump.id])
    const bad = await t.get(`${base}&transaction_types=coffee`)
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/^Transaction types parameter could only be one of: super, deploy/)
    expect((await t.get(`${base}&statuses=idle`)).body.message).toMatch(/^Statuses parameter could only be one of/)
  })

  it('refuses to delete an unfinished task (400) unless forced, and changes nothing', async () => {
    for (const status of ['running', 'pending'] as const) {
      const running = await task({ name: 'deploy', status })
      const res = await t.delete(`${API}/tasks/${running.id}`)
      expect(res.status).toBe(400)
      expect(res.body.message).toBe('You cannot delete running task manually')
      expect((await t.delete(`${API}/tasks/${running.id}?force=0`)).status).toBe(400)
      expect((await t.get(`${API}/tasks/${running.id}`)).status).toBe(200)
      expect((await t.delete(`${API}/tasks/${running.id}?force=1`)).status).toBe(204)
      expect((await t.get(`${API}/tasks/${running.id}`)).status).toBe(404)
    }
  })

  it('deletes a finished task with 204, its subtasks with it, keeping the rows for history', async () => {
    const cluster = await createCluster(t)
    const parent = await task({ name: 'deploy', clusterId: cluster.id, status: 'ready' })
    const child = await task({ name: 'deployment', clusterId: cluster.id, parentId: parent.id, status: 'ready' })
    const grandchild = await task({
      name: 'check_networks',
      clusterId: cluster.id,
      parentId: child.id,
      status: 'ready',
    })
    const other = await task({ name: 'dump', clusterId: cluster.id, status: 'error' })
    const res = await t.delete(`${API}/tasks/${parent.id}`)
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expect(ids((await t.get(`${API}/tasks?cluster_id=${cluster.id}`)).body)).toEqual([other.id])
    expect(ids((await t.get(`${API}/transactions?cluster_id=${cluster.id}`)).body)).toEqual([other.id])
    expect((await t.get(`${API}/tasks/${grandchild.id}`)).status).toBe(404)
    expect(await findTask(t.app.ctx.database.db, grandchild.id, { includeDeleted: true })).toMatchObject({
      name: 'check_networks',
    })
    expect((await t.delete(`${API}/tasks/${parent.id}`)).status).toBe(404)
  })

  it('deletes through /transactions with the same rules', async () => {
    const running = await task({ name: 'deploy', status: 'running' })
    expect((await t.delete(`${API}/transactions/${running.id}`)).status).toBe(400)
    expect((await t.delete(`${API}/transactions/${running.id}?force=true`)).status).toBe(204)
    expect((await t.get(`${API}/transactions/${running.id}`)).status).toBe(404)
    expect((await t.delete(`${API}/transactions/99999`)).body.message).toBe('Transaction not found')
  })
})
