import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { JsonObject } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import { VolumeManagerExtension } from '../src/index.js'
import { defaultLayout } from '../src/layout/volume-layout.js'
import { imageCacheSize, SetImageCacheMaxSizePipeline } from '../src/pipelines/image-cache-pipeline.js'
import { childObject, NodeVolumesPipeline } from '../src/pipelines/node-volumes-pipeline.js'
import { disk, GB, input, TB_DISK } from './support/release-volumes.js'

const extension = new VolumeManagerExtension()

/** Python's `(?P<name>...)` as the host translates it. */
const route = (uri: string | RegExp) => new RegExp(String(uri).replaceAll('(?P<', '(?<'))

describe('the volume_manager extension', () => {
  it('declares what Nailgun declared', () => {
    expect(extension.toDict()).toEqual({
      name: 'volume_manager',
      version: '1.0.0',
      description: expect.any(String),
      provides: ['get_node_volumes', 'set_node_volumes', 'set_default_node_volumes'],
    })
    expect(extension.tablePrefix()).toBe('volume_manager_')
    expect(extension.dataPipelines).toEqual([NodeVolumesPipeline, SetImageCacheMaxSizePipeline])
  })

  it('serves the disks, disk defaults and volumes of a node', () => {
    const [disks, defaults, volumes] = extension.urls.map((u) => route(u.uri))

    expect('/nodes/12/disks/'.match(disks!)?.groups).toEqual({ node_id: '12' })
    expect('/nodes/12/disks/defaults'.match(defaults!)?.groups).toEqual({ node_id: '12' })
    expect('/nodes/12/volumes'.match(volumes!)?.groups).toEqual({ node_id: '12' })
    expect(route(extension.urls[0]!.uri).test('/nodes/x/disks')).toBe(false)
  })

  it('ships its migrations in the folder it names, with up and down', async () => {
    const folder = extension.migrationsPath()
    const file = join(folder, '0001-node-volumes.ts')

    expect(existsSync(file)).toBe(true)
    expect(readFileSync(file, 'utf8')).not.toMatch(/references|foreignKey/i)
    const migration = await import(file)
    expect(typeof migration.up).toBe('function')
    expect(typeof migration.down).toBe('function')
  })

  it('is the entry the package manifest names', async () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'))
    const [file, exportName] = manifest.nailgun.extensions.VolumeManager.split('#')
    const module = await import(join(import.meta.dirname, '..', file))

    expect(module[exportName]).toBe(VolumeManagerExtension)
  })
})

describe('pipeline helpers', () => {
  it('creates the nested objects a fact needs, keeping those already there', () => {
    const facts: JsonObject = { ks_meta: { pm_data: { kernel_params: 'console=tty0' } } }
    childObject(childObject(facts, 'ks_meta'), 'pm_data').ks_spaces = []
    const empty: JsonObject = { ks_meta: 'not an object' }
    childObject(childObject(empty, 'ks_meta'), 'pm_data').ks_spaces = []

    expect(facts).toEqual({ ks_meta: { pm_data: { kernel_params: 'console=tty0', ks_spaces: [] } } })
    expect(empty).toEqual({ ks_meta: { pm_data: { ks_spaces: [] } } })
  })

  it('sizes the image cache at 10% of the Glance volume, at least 5 GB', () => {
    const big = defaultLayout(input(['controller'], [disk('sda', TB_DISK), disk('sdb', TB_DISK)]))
    const small = defaultLayout(input(['controller'], [disk('sda', 40 * GB)]))
    const compute = defaultLayout(input(['compute'], [disk('sda', TB_DISK)]))

    expect(imageCacheSize(big)).toBe(Math.trunc(0.1 * (2 * 953869 - 2 * 628 - 55296) * 1024 * 1024))
    expect(imageCacheSize(small)).toBe(5 * GB)
    expect(imageCacheSize(compute)).toBe(5 * GB)
  })
})
