/**
 * The real server (`node --import tsx main.ts serve` on a SQLite file) killed with SIGKILL in the
 * middle of a slow deployment, then restarted on the same file: no node or task is lost, none is
 * left running forever, and the deployment can be retried to the end.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { deployCluster, waitFor, waitForTask } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INTERRUPTED_MESSAGE } from '../../src/deployment/index.js'
import { type RunningServer, serveArgs, startServer } from '../cli/run-cli.js'
import { httpClient } from './http-client.js'

// biome-ignore lint/suspicious/noExplicitAny: JSON read loosely, as in the test kit
type Loose = Record<string, any>

describe('SIGKILL during a deployment', { timeout: 180_000 }, () => {
  let dir: string
  const running: RunningServer[] = []
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ng-sigkill-'))
  })
  afterAll(async () => {
    for (const server of running) await server.stop()
    await rm(dir, { recursive: true, force: true })
  })

  async function serve(stepMs: number): Promise<RunningServer> {
    const [command, args] = serveArgs()
    const server = await startServer(command, args, {
      NAILGUN_DATA_DIR: dir,
      NAILGUN_AUTH: 'none',
      NAILGUN_SIMULATOR_STEP_MS: String(stepMs),
    })
    running.push(server)
    return server
  }

  async function kill9(server: RunningServer): Promise<void> {
    const exited = new Promise((resolve) => server.child.once('exit', resolve))
    process.kill(-server.child.pid!, 'SIGKILL')
    await exited
    running.splice(running.indexOf(server), 1)
  }

  it('loses no node or task, leaves none running, and the deployment can be retried', async () => {
    const first = await serve(400)
    const a = httpClient(first.baseUrl)
    const { cluster, nodes, task } = await deployCluster(a)
    // Wait until the orchestrator is really at work: a sub-task running with some progress.
    await waitFor('the deployment to make progress', async () => {
      const tasks = (await a.get(`/api/v1/tasks?cluster_id=${cluster.id}`)).body as Loose[]
      return tasks.some((x) => x.status === 'running' && x.progress > 0) ? true : undefined
    })
    const tasksBefore = ((await a.get(`/api/v1/tasks?cluster_id=${cluster.id}`)).body as Loose[]).map((x) => x.id)
    await kill9(first)

    const second = await serve(1)
    const b = httpClient(second.baseUrl)
    const nodesAfter = (await b.get(`/api/v1/nodes?cluster_id=${cluster.id}`)).body as Loose[]
    expect(nodesAfter.map((n) => n.id).sort()).toEqual(nodes.map((n) => n.id).sort())
    const tasksAfter = (await b.get(`/api/v1/tasks?cluster_id=${cluster.id}`)).body as Loose[]
    expect(tasksAfter.map((x) => x.id).sort()).toEqual([...tasksBefore].sort())
    expect(tasksAfter.filter((x) => x.status === 'running' || x.status === 'pending')).toEqual([])
    expect((await b.get(`/api/v1/tasks/${task.id}`)).body).toMatchObject({
      status: 'error',
      message: INTERRUPTED_MESSAGE,
    })
    expect((await b.get(`/api/v1/clusters/${cluster.id}`)).body.status).toBe('error')

    const retry = await b.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(retry.status).toBe(202)
    expect(await waitForTask(b, retry.body.id, { timeoutMs: 60_000, intervalMs: 100 })).toMatchObject({
      status: 'ready',
    })
    expect((await b.get(`/api/v1/clusters/${cluster.id}`)).body.status).toBe('operational')
    const ready = (await b.get(`/api/v1/nodes?cluster_id=${cluster.id}`)).body as Loose[]
    expect(ready.map((n) => n.status)).toEqual(ready.map(() => 'ready'))
  })
})
