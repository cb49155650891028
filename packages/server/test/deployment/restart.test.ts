import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  createTestApp,
  createTestDatabase,
  databases,
  deployCluster,
  registerNode,
  type TestApp,
  type TestAppOptions,
  type TestDatabase,
  waitForTask,
} from '@nailgun/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { INTERRUPTED_MESSAGE } from '../../src/deployment/index.js'
import { InProcessTransport } from '../../src/orchestrator/index.js'
import { clusterOf, ManualTransport, nodesOf, tasksOf } from './helpers.js'

/** A database that outlives one app: a SQLite file, or a PostgreSQL database. */
async function durableDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'postgres') return createTestDatabase('postgres')
  const dir = mkdtempSync(path.join(tmpdir(), 'ng-restart-'))
  return {
    url: `sqlite:${path.join(dir, 'nailgun.sqlite')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

describe.each(databases())('restart safety on %s', (database) => {
  let db: TestDatabase
  let apps: TestApp[]

  beforeEach(async () => {
    db = await durableDatabase(database)
    apps = []
  })
  afterEach(async () => {
    for (const app of apps) await app.close()
    await db.drop()
  })

  async function start(orchestrator?: TestAppOptions['orchestrator']): Promise<TestApp> {
    const app = await createTestApp({ database, config: { databaseUrl: db.url }, orchestrator })
    apps.push(app)
    return app
  }

  it('fails the tasks an in-process orchestrator was running and lets the deployment be retried', async () => {
    // Far too many steps to finish: the deployment is still running when the server stops.
    const first = await start(new InProcessTransport({ simulator: { stepMs: 5, steps: 100_000 } }))
    const { cluster, task } = await deployCluster(first)
    await first.close()
    apps = []

    const second = await start()
    const tasks = await tasksOf(second, cluster.id)
    expect(tasks.map((x) => [x.name, x.status, x.message])).toEqual([
      ['deploy', 'error', INTERRUPTED_MESSAGE],
      ['provision', 'error', INTERRUPTED_MESSAGE],
      ['deployment', 'error', INTERRUPTED_MESSAGE],
    ])
    const nodes = await nodesOf(second, cluster.id)
    expect(nodes.map((n) => [n.status, n.error_type])).toEqual(nodes.map(() => ['error', 'provision']))
    expect(await clusterOf(second, cluster.id)).toMatchObject({ status: 'error' })
    expect((await second.get(`/api/v1/tasks/${task.id}`)).body.status).toBe('error')

    const retry = await second.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(retry.status).toBe(202)
    expect(await waitForTask(second, retry.body.id)).toMatchObject({ status: 'ready' })
    expect(await clusterOf(second, cluster.id)).toMatchObject({ status: 'operational' })
    expect((await nodesOf(second, cluster.id)).map((n) => n.status)).toEqual(['ready', 'ready', 'ready'])
  })

  it('leaves tasks an AMQP orchestrator runs alone, and fails only those never cast, with their nodes', async () => {
    const first = await start(new ManualTransport('amqp'))
    const { cluster, task } = await deployCluster(first)
    // A deletion prepared just before a crash, never cast: its node was left `removing`.
    const node = await registerNode(first)
    const db = first.app.ctx.database.db
    await db.updateTable('nodes').set({ status: 'removing' }).where('id', '=', node.id).execute()
    const cache = JSON.stringify({ args: { nodes: [{ uid: String(node.id) }] } })
    const stray = await db
      .insertInto('tasks')
      .values({
        uuid: crypto.randomUUID(),
        name: 'node_deletion',
        status: 'pending',
        result: '{}',
        cache,
        weight: 1,
        progress: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await first.close()
    apps = []

    const second = await start(new ManualTransport('amqp'))
    expect((await second.get(`/api/v1/tasks/${task.id}`)).body.status).toBe('running')
    expect((await second.get(`/api/v1/tasks/${stray.id}`)).body).toMatchObject({
      status: 'error',
      message: INTERRUPTED_MESSAGE,
    })
    expect((await second.get(`/api/v1/nodes/${node.id}`)).body).toMatchObject({
      status: 'error',
      error_type: 'deletion',
    })
    expect((await nodesOf(second, cluster.id)).map((n) => n.status)).toEqual([
      'provisioning',
      'provisioning',
      'provisioning',
    ])
    expect(await clusterOf(second, cluster.id)).toMatchObject({ status: 'deployment' })
  })
})
