import { createTestApp, databases, prepareCluster, type TestApp } from '@nailgun/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { type Loose, ManualTransport, tasksOf } from './helpers.js'

const BUSY = 'Cannot perform the actions because there are another running tasks.'

describe.each(databases())('one operation at a time on %s', (database) => {
  let apps: TestApp[] = []

  afterEach(async () => {
    for (const app of apps) await app.close()
    apps = []
  })

  async function app(orchestrator = new ManualTransport()) {
    const t = await createTestApp({ database, orchestrator })
    apps.push(t)
    return { t, orchestrator }
  }

  it('refuses a second deployment, a reset and a deletion while one runs, with 400 and the original message', async () => {
    const { t } = await app()
    const { cluster } = await prepareCluster(t)
    const first = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(first.status).toBe(202)
    expect(first.body.status).toBe('running')
    for (const [method, path] of [
      ['PUT', 'changes'],
      ['PUT', 'changes/redeploy'],
      ['PUT', 'provision'],
      ['PUT', 'deploy'],
      ['PUT', 'reset'],
      ['DELETE', ''],
    ] as const) {
      const url = `/api/v1/clusters/${cluster.id}${path ? `/${path}` : ''}`
      const response = method === 'PUT' ? await t.put(url) : await t.delete(url)
      expect(response.status, `${method} ${path}`).toBe(400)
      expect(response.body).toEqual({ message: BUSY, errors: [] })
    }
    expect((await tasksOf(t, cluster.id)).map((task) => task.name)).toEqual(['deploy', 'provision', 'deployment'])
  })

  it('refuses to delete nodes of an environment being deployed with 403', async () => {
    const { t } = await app()
    const { cluster, nodes } = await prepareCluster(t)
    expect((await t.put(`/api/v1/clusters/${cluster.id}/changes`)).status).toBe(202)
    const response = await t.delete(`/api/v1/nodes/${(nodes[0] as Loose).id}`)
    expect(response.status).toBe(403)
    expect(response.body.message).toBe(BUSY)
  })

  it('starts exactly one deployment when two requests race', async () => {
    const { t } = await app()
    const { cluster } = await prepareCluster(t)
    const answers = await Promise.all([1, 2, 3].map(() => t.put(`/api/v1/clusters/${cluster.id}/changes`)))
    expect(answers.map((a) => a.status).sort()).toEqual([202, 400, 400])
    expect((await tasksOf(t, cluster.id)).filter((task) => task.name === 'deploy')).toHaveLength(1)
  })

  it('answers a stop without a running deployment with 400, and a second stop with 409', async () => {
    const { t, orchestrator } = await app()
    const { cluster } = await prepareCluster(t)
    const idle = await t.put(`/api/v1/clusters/${cluster.id}/stop_deployment`)
    expect(idle.status).toBe(400)
    expect(idle.body.message).toBe('Nothing to stop. Deployment is not running.')
    await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    const stop = await t.put(`/api/v1/clusters/${cluster.id}/stop_deployment`)
    expect(stop.status).toBe(202)
    expect(orchestrator.last('stop_deploy_task').args.stop_task_uuid).toBe(
      orchestrator.last('granular_deploy').args.task_uuid,
    )
    const again = await t.put(`/api/v1/clusters/${cluster.id}/stop_deployment`)
    expect(again.status).toBe(409)
    expect(again.body.message).toBe('Stopping deployment task is already launched')
  })

  it('ends the tasks in error when the orchestrator does not take the cast, and nodes can be deployed again', async () => {
    const { t, orchestrator } = await app()
    const { cluster } = await prepareCluster(t)
    orchestrator.failNextCast = new Error('broker unreachable')
    const failed = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(failed.status).toBe(200)
    expect(failed.body).toMatchObject({ status: 'error', message: expect.stringContaining('broker unreachable') })
    const nodes = (await t.get(`/api/v1/nodes?cluster_id=${cluster.id}`)).body as Loose[]
    expect(nodes.map((n) => [n.status, n.error_type])).toEqual(nodes.map(() => ['error', 'provision']))
    expect((await t.get(`/api/v1/clusters/${cluster.id}`)).body.status).toBe('error')
    expect((await t.put(`/api/v1/clusters/${cluster.id}/changes`)).status).toBe(202)
  })
})

describe('one operation at a time across two servers on one PostgreSQL database', () => {
  it('starts exactly one deployment when two servers receive the request at once', async () => {
    const a = await createTestApp({ database: 'postgres', orchestrator: new ManualTransport('amqp') })
    const b = await createTestApp({
      database: 'postgres',
      config: { databaseUrl: a.app.ctx.config.databaseUrl },
      orchestrator: new ManualTransport('amqp'),
    })
    try {
      const { cluster } = await prepareCluster(a)
      for (let round = 0; round < 3; round++) {
        const answers = await Promise.all([a, b].map((x) => x.put(`/api/v1/clusters/${cluster.id}/changes/redeploy`)))
        expect(answers.map((r) => r.status).sort()).toEqual([202, 400])
        const winner = answers.find((r) => r.status === 202) as Loose
        // Finish it by hand so the next round can start.
        await a.app.ctx.database.db
          .updateTable('tasks')
          .set({ status: 'ready' })
          .where('cluster_id', '=', cluster.id)
          .execute()
        expect(winner.body.name).toBe('deploy')
      }
      expect((await tasksOf(a, cluster.id)).filter((task) => task.name === 'deploy')).toHaveLength(3)
    } finally {
      await b.close()
      await a.close()
    }
  })
})
