import { registerNode } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Served, serve } from './helpers.js'

describe('nailgun env / node / release / extension', () => {
  let s: Served
  beforeAll(async () => {
    s = await serve()
  })
  afterAll(() => s.close())

  it('creates an environment, then lists it as a table and as JSON', async () => {
    const created = await s.run(['env', 'create', '--name', 'lab', '--release', '1', '--json'])
    expect(created.code).toBe(0)
    const env = JSON.parse(created.out)
    expect(env).toMatchObject({ name: 'lab', release_id: 1, status: 'new' })
    const table = await s.run(['env', 'list'])
    expect(table.code).toBe(0)
    expect(table.out).toMatch(/id\s+│\s+status\s+│\s+name\s+│\s+release_id/)
    expect(table.out).toMatch(new RegExp(`${env.id}\\s+│\\s+new\\s+│\\s+lab\\s+│\\s+1`))
    const json = await s.run(['env', 'list', '--json'])
    expect(JSON.parse(json.out).map((e: { name: string }) => e.name)).toContain('lab')
    const yaml = await s.run(['env', 'show', String(env.id), '--yaml'])
    expect(yaml.out).toContain('name: lab')
    const updated = await s.run(['env', 'update', String(env.id), '--name', 'lab-2', '--json'])
    expect(JSON.parse(updated.out).name).toBe('lab-2')
  })

  it('picks the first deployable release when --release is not given', async () => {
    const created = await s.run(['env', 'create', '--name', 'auto-release', '--json'])
    expect(created.code).toBe(0)
    expect(JSON.parse(created.out).release_id).toBeGreaterThan(0)
  })

  it("exits 1 with the server's message on an API error", async () => {
    const missing = await s.run(['env', 'show', '9999'])
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/^error: .*not found.*\(HTTP 404\)/i)
    const duplicate = await s.run(['env', 'create', '--name', 'dup'])
    expect(duplicate.code).toBe(0)
    const again = await s.run(['env', 'create', '--name', 'dup'])
    expect(again.code).toBe(1)
    expect(again.err).toBe('error: Environment with this name already exists (HTTP 409)\n')
  })

  it('exits 2 on usage errors', async () => {
    expect((await s.run(['env', 'show', 'abc'])).code).toBe(2)
    const missing = await s.run(['env', 'create'])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain("required option '--name <name>' not specified")
    expect((await s.run(['env', 'list', '--bogus'])).code).toBe(2)
    expect((await s.run(['node', 'assign', '--env', '1', '--nodes', '1', '--roles', ','])).code).toBe(2)
    expect((await s.run(['env', 'list', '--json', '--yaml'])).code).toBe(2)
    const help = await s.run(['env', '--help'])
    expect(help.code).toBe(0)
    expect(help.out).toContain('deploy')
  })

  it('assigns and unassigns nodes, and filters the node list by environment, status and role', async () => {
    const env = JSON.parse((await s.run(['env', 'create', '--name', 'nodes-env', '--json'])).out)
    const a = await registerNode(s.t)
    const b = await registerNode(s.t)
    const c = await registerNode(s.t)
    const assign = await s.run([
      'node',
      'assign',
      '--env',
      String(env.id),
      '--nodes',
      `${a.id},${b.id}`,
      '--roles',
      'compute',
    ])
    expect(assign.code).toBe(0)
    expect(assign.out).toContain(`Assigned node(s) ${a.id}, ${b.id} to environment ${env.id}`)
    await s.run(['node', 'assign', '--env', String(env.id), '--nodes', String(c.id), '--roles', 'controller'])
    const ids = async (args: string[]) =>
      JSON.parse((await s.run(['node', 'list', '--json', ...args])).out).map((n: { id: number }) => n.id)
    expect(await ids(['--env', String(env.id)])).toEqual([a.id, b.id, c.id])
    expect(await ids(['--env', String(env.id), '--role', 'controller'])).toEqual([c.id])
    expect(await ids(['--status', 'discover', '--role', 'compute'])).toEqual([a.id, b.id])
    expect(await ids(['--status', 'ready'])).toEqual([])
    const table = await s.run(['node', 'list', '--env', String(env.id)])
    expect(table.out).toMatch(/id\s+│\s+name\s+│\s+status/)
    expect(table.out).toContain('controller')
    const unassign = await s.run(['node', 'unassign', '--env', String(env.id), '--nodes', String(b.id)])
    expect(unassign.code).toBe(0)
    expect(await ids(['--env', String(env.id)])).toEqual([a.id, c.id])
    expect(await ids(['--env', 'none'])).toContain(b.id)
  })

  it('shows, renames and labels a node', async () => {
    const node = await registerNode(s.t)
    const renamed = await s.run(['node', 'update', String(node.id), '--name', 'rack1-n1', '--json'])
    expect(JSON.parse(renamed.out).name).toBe('rack1-n1')
    const labelled = await s.run(['node', 'label', String(node.id), 'rack=r1', 'tier=gold', '--json'])
    expect(labelled.code).toBe(0)
    expect(JSON.parse(labelled.out)).toEqual([
      { node: node.id, key: 'rack', value: 'r1' },
      { node: node.id, key: 'tier', value: 'gold' },
    ])
    await s.run(['node', 'label', String(node.id), 'tier-'])
    const shown = JSON.parse((await s.run(['node', 'show', String(node.id), '--json'])).out)
    expect(shown.labels).toEqual({ rack: 'r1' })
    expect((await s.run(['node', 'show', String(node.id)])).out).toMatch(/labels\s+│\s+\{"rack":"r1"\}/)
  })

  it('registers a node as the agent would, ready to be assigned and deployed', async () => {
    const res = await s.run(['node', 'register', '--mac', '52:54:00:AB:CD:01', '--ip', '10.20.0.77', '--json'])
    expect(res.code).toBe(0)
    const node = JSON.parse(res.out)
    expect(node).toMatchObject({ mac: '52:54:00:ab:cd:01', ip: '10.20.0.77', status: 'discover', cluster: null })
    expect(node.meta.disks).toHaveLength(1)
    const bad = await s.run(['node', 'register', '--mac', 'nope', '--ip', '10.20.0.78'])
    expect(bad.code).toBe(2)
  })

  it('deletes a node, following the removal task until the node is gone', async () => {
    const node = await registerNode(s.t)
    const res = await s.run(['node', 'delete', String(node.id)])
    expect(res.err).not.toContain('error:')
    expect(res.code).toBe(0)
    expect(res.out).toMatch(/node_deletion: (ready|done)/)
    expect((await s.run(['node', 'show', String(node.id)])).code).toBe(1)
    const tasks = JSON.parse((await s.run(['task', 'list', '--status', 'ready', '--json'])).out)
    expect(tasks.every((t: { status: string }) => t.status === 'ready')).toBe(true)
  })

  it('lists releases, installed extensions and the extensions of an environment', async () => {
    const releases = await s.run(['release', 'list'])
    expect(releases.code).toBe(0)
    expect(releases.out).toMatch(/id\s+│\s+name\s+│\s+state/)
    expect((await s.run(['extension', 'list', '--json'])).code).toBe(0)
    const env = JSON.parse((await s.run(['env', 'create', '--name', 'ext-env', '--json'])).out)
    const list = await s.run(['env', 'extension', 'list', String(env.id), '--json'])
    expect(list.code).toBe(0)
    expect(Array.isArray(JSON.parse(list.out))).toBe(true)
    const unknown = await s.run(['env', 'extension', 'enable', String(env.id), 'no_such_extension'])
    expect(unknown.code).toBe(1)
    expect(unknown.err).toContain('no_such_extension')
  })
})
