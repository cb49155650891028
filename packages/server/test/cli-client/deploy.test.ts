import { prepareCluster } from '@nailgun/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { InProcessTransport } from '../../src/orchestrator/index.js'
import { type Served, serve } from './helpers.js'

describe('nailgun env deploy / delete with progress', () => {
  let s: Served
  afterEach(() => s.close())

  it('deploys through the CLI, showing progress lines, and ends operational with exit 0', async () => {
    s = await serve()
    const { cluster } = await prepareCluster(s.t)
    const res = await s.run(['env', 'deploy', String(cluster.id)])
    expect(res.err).not.toContain('error:')
    expect(res.code).toBe(0)
    expect(res.err).toMatch(/task #\d+ deploy: running/)
    expect(res.err).toMatch(/node #1 .*: provisioning/)
    expect(res.err).toMatch(/node #1 .*: ready 100%/)
    expect(res.out).toMatch(/^Task #\d+ deploy: ready in \d+\.\d s; nodes: 3 ready\n$/)
    const env = JSON.parse((await s.run(['env', 'show', String(cluster.id), '--json'])).out)
    expect(env.status).toBe('operational')
    const nodes = JSON.parse((await s.run(['node', 'list', '--env', String(cluster.id), '--json'])).out)
    expect(nodes.map((n: { status: string }) => n.status)).toEqual(['ready', 'ready', 'ready'])
  })

  it('draws progress bars on a terminal', async () => {
    s = await serve()
    const { cluster } = await prepareCluster(s.t, [['controller']])
    const res = await s.run(['env', 'deploy', String(cluster.id)], { tty: true })
    expect(res.code).toBe(0)
    expect(res.err).toMatch(/task #\d+ deploy\s+\|[█░]+\| 100% ready/)
    expect(res.err).toMatch(/node #1 .*\|[█░]+\| 100% ready \(controller\)/)
  })

  it('exits 4 with the task message and the failed node when the deployment fails', async () => {
    const orchestrator = new InProcessTransport({
      simulator: { stepMs: 1, failures: [{ uid: '2', stage: 'deploy', message: 'puppet failed on nova' }] },
    })
    s = await serve({ orchestrator })
    const { cluster } = await prepareCluster(s.t)
    const res = await s.run(['env', 'deploy', String(cluster.id)])
    expect(res.code).toBe(4)
    expect(res.out).toMatch(/Task #\d+ deploy: error in/)
    expect(res.out).toContain('Task failed:')
    expect(res.out).toMatch(/node #2 .*: deploy: puppet failed on nova/)
    const json = await s.run(['task', 'list', '--env', String(cluster.id), '--json'])
    expect(JSON.parse(json.out).some((t: { status: string }) => t.status === 'error')).toBe(true)
  })

  it('--no-wait prints the task at once; task watch follows it; --json prints the final task', async () => {
    s = await serve()
    const { cluster } = await prepareCluster(s.t, [['controller']])
    const started = await s.run(['env', 'provision', String(cluster.id), '--no-wait', '--json'])
    expect(started.code).toBe(0)
    const task = JSON.parse(started.out)
    expect(task).toMatchObject({ name: 'provision', cluster: cluster.id })
    const watched = await s.run(['task', 'watch', String(task.id), '--json'])
    expect(watched.code).toBe(0)
    expect(JSON.parse(watched.out)).toMatchObject({ id: task.id, status: 'ready', progress: 100 })
    const shown = await s.run(['task', 'show', String(task.id)])
    expect(shown.out).toMatch(/status\s+│\s+ready/)
  })

  it('resets and deletes an environment, following the tasks', async () => {
    s = await serve()
    const { cluster } = await prepareCluster(s.t, [['controller']])
    expect((await s.run(['env', 'deploy', String(cluster.id)])).code).toBe(0)
    const reset = await s.run(['env', 'reset', String(cluster.id)])
    expect(reset.code).toBe(0)
    expect(reset.out).toMatch(/reset_environment: ready/)
    const deleted = await s.run(['env', 'delete', String(cluster.id)])
    expect(deleted.code).toBe(0)
    expect(deleted.out).toMatch(/cluster_deletion: (ready|done)/)
    expect((await s.run(['env', 'show', String(cluster.id)])).code).toBe(1)
  })
})
