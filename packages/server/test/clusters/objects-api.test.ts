/** The clusters, node groups, tasks and notifications parts of the objects API extensions use. */
import { createCluster, createTestApp, databases, nextClusterName, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeObjectsApi } from '../../src/domain/objects-api.js'
import { createTask } from '../../src/domain/task/index.js'
import { API } from './helpers.js'

describe.each(databases())('objects API on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database })
  })
  afterAll(() => t.close())

  const objects = () => makeObjectsApi(t.app.ctx.database.db)

  it('gets, lists, updates and serializes environments like the REST API', async () => {
    const cluster = await createCluster(t)
    const api = objects().clusters
    const found = await api.get(cluster.id)
    expect(found).toMatchObject({ id: cluster.id, name: cluster.name, status: 'new', releaseId: 1 })
    expect(api.serialize(found!)).toEqual(cluster)
    expect((await api.list({ releaseId: 1 })).map((c) => c.id)).toContain(cluster.id)
    expect(await api.get(99999)).toBeUndefined()

    const name = nextClusterName()
    const updated = await api.update(cluster.id, { name, status: 'operational' })
    expect(updated).toMatchObject({ name, status: 'operational' })
    expect((await t.get(`${API}/clusters/${cluster.id}`)).body).toMatchObject({
      name,
      status: 'operational',
      is_locked: true,
    })
  })

  it('refuses bad environment updates with coded errors', async () => {
    const [a, b] = [await createCluster(t), await createCluster(t)]
    const api = objects().clusters
    await expect(api.update(b.id, { name: a.name })).rejects.toMatchObject({ status: 409 })
    await expect(api.update(b.id, { status: 'bogus' as never })).rejects.toMatchObject({ status: 400 })
    await expect(api.update(99999, { name: 'x' })).rejects.toMatchObject({ status: 404 })
  })

  it('reads node groups and tasks, and files notifications', async () => {
    const cluster = await createCluster(t)
    const api = objects()
    const [group] = await api.nodeGroups.list({ clusterId: cluster.id })
    expect(group).toMatchObject({ clusterId: cluster.id, name: 'default', isDefault: true })
    expect(await api.nodeGroups.get(group!.id)).toEqual(group)

    const task = await createTask(t.app.ctx.database.db, { name: 'deploy', clusterId: cluster.id, status: 'running' })
    expect(await api.tasks.get(task.id)).toMatchObject({ uuid: task.uuid, status: 'running' })
    expect((await api.tasks.list({ clusterId: cluster.id, status: 'running' })).map((x) => x.id)).toEqual([task.id])

    const note = await api.notifications.create({ topic: 'warning', message: 'Disk is small', clusterId: cluster.id })
    expect(note).toMatchObject({ topic: 'warning', status: 'unread', clusterId: cluster.id })
    expect(await api.notifications.list({ clusterId: cluster.id })).toEqual([note])
    await expect(api.notifications.create({ topic: 'discover', message: 'no node' })).rejects.toMatchObject({
      status: 400,
    })
  })
})
