import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { prepareCluster } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { type Served, serve } from './helpers.js'

describe('nailgun env facts', () => {
  let s: Served
  let dir: string
  let envId: string
  beforeAll(async () => {
    s = await serve()
    dir = await mkdtemp(path.join(os.tmpdir(), 'ng-facts-'))
    envId = String((await prepareCluster(s.t, [['controller'], ['compute']])).cluster.id)
  })
  afterAll(async () => {
    await s.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('downloads the default deployment facts as YAML files, uploads an edit, and reads it back', async () => {
    const defaults = await s.run(['env', 'facts', 'deployment', 'defaults', envId, '--dir', dir])
    expect(defaults.code).toBe(0)
    const folder = path.join(dir, `deployment_${envId}`)
    expect(defaults.out).toContain(folder)
    const files = (await readdir(folder)).sort()
    expect(files).toEqual(['1.yaml', '2.yaml', 'common.yaml'])
    const node1 = parse(await readFile(path.join(folder, '1.yaml'), 'utf8'))
    expect(String(node1.uid)).toBe('1')
    await writeFile(path.join(folder, '1.yaml'), stringify({ ...node1, custom_setting: 'from-cli' }))

    const upload = await s.run(['env', 'facts', 'deployment', 'upload', envId, '--dir', dir])
    expect(upload.err).toBe('')
    expect(upload.code).toBe(0)
    expect((await s.t.get(`/api/v1/clusters/${envId}`)).body.is_customized).toBe(true)

    const back = path.join(dir, 'back')
    const download = await s.run(['env', 'facts', 'deployment', 'download', envId, '--dir', back, '--format', 'json'])
    expect(download.code).toBe(0)
    const again = JSON.parse(await readFile(path.join(back, `deployment_${envId}`, '1.json'), 'utf8'))
    expect(again.custom_setting).toBe('from-cli')

    const del = await s.run(['env', 'facts', 'deployment', 'delete', envId])
    expect(del.code).toBe(0)
    expect((await s.t.get(`/api/v1/clusters/${envId}`)).body.is_customized).toBe(false)
    const none = await s.run(['env', 'facts', 'deployment', 'download', envId, '--dir', path.join(dir, 'none')])
    expect(none.out).toContain('has no replaced deployment facts')
  })

  it('round-trips provisioning facts through files', async () => {
    const defaults = await s.run(['env', 'facts', 'provisioning', 'defaults', envId, '--dir', dir, '--format', 'json'])
    expect(defaults.code).toBe(0)
    const folder = path.join(dir, `provisioning_${envId}`)
    expect((await readdir(folder)).sort()).toEqual(['1.json', '2.json', 'common.json'])
    const upload = await s.run(['env', 'facts', 'provisioning', 'upload', envId, '--dir', dir])
    expect(upload.code).toBe(0)
    const stored = (await s.t.get(`/api/v1/clusters/${envId}/orchestrator/provisioning`)).body
    const common = JSON.parse(await readFile(path.join(folder, 'common.json'), 'utf8'))
    expect(Object.keys(stored).sort()).toEqual([...Object.keys(common), 'nodes'].sort())
    expect(stored.nodes.map((n: { uid: string }) => String(n.uid)).sort()).toEqual(['1', '2'])
  })

  it('refuses a missing directory and broken YAML with exit 2', async () => {
    const missing = await s.run(['env', 'facts', 'deployment', 'upload', envId, '--dir', path.join(dir, 'nowhere')])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('download the facts first')
    const broken = path.join(dir, 'broken', `deployment_${envId}`)
    await mkdir(broken, { recursive: true })
    await writeFile(path.join(broken, '1.yaml'), 'a: [unclosed')
    const bad = await s.run(['env', 'facts', 'deployment', 'upload', envId, '--dir', path.join(dir, 'broken')])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('is not valid YAML')
  })
})
