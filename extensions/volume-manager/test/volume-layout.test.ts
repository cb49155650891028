import { describe, expect, it } from 'vitest'
import { BOOT_RECORDS_SIZE, BOOT_SIZE, LVM_META_SIZE } from '../src/layout/sizes.js'
import { type DiskSpace, isDisk, isVolumeGroup, type Layout } from '../src/layout/types.js'
import { defaultLayout } from '../src/layout/volume-layout.js'
import { disk, GB, input, TB_DISK } from './support/release-volumes.js'

const disks = (layout: Layout) => layout.filter(isDisk)
const groups = (layout: Layout) => layout.filter(isVolumeGroup)
const group = (layout: Layout, id: string) => groups(layout).find((g) => g.id === id)!

/** Usable MB given to a space over all disks (physical volumes without their LVM metadata). */
function given(layout: Layout, id: string): number {
  let total = 0
  for (const d of disks(layout)) {
    for (const v of d.volumes) {
      if (v.type === 'pv' && v.vg === id) total += v.size - v.lvm_meta_size
      else if ((v.type === 'partition' || v.type === 'raid') && v.name === id) total += v.size
    }
  }
  return total
}

function volumeOn(d: DiskSpace, id: string) {
  return d.volumes.find((v) => (v.type === 'pv' ? v.vg === id : 'name' in v && v.name === id))
}

/**
 * Nailgun's invariants: every disk is exactly filled, and each volume group's LVs match its PVs
 * (when it got its minimum: below that swap alone may not fit, which the deployment check reports).
 */
function expectConsistent(layout: Layout) {
  for (const d of disks(layout)) {
    expect(d.volumes.reduce((sum, v) => sum + v.size, 0) + d.free_space).toBe(d.size)
    expect(d.free_space).toBeGreaterThanOrEqual(0)
  }
  for (const g of groups(layout)) {
    if (g.volumes.length === 0 || given(layout, g.id) < g.min_size) continue
    expect(g.volumes.reduce((sum, lv) => sum + lv.size, 0)).toBe(given(layout, g.id))
  }
}

describe('default layout', () => {
  it('lays out a single ~1 GB disk of a compute node like Nailgun (test_disks_attrs)', () => {
    const layout = defaultLayout(input(['compute'], [disk('sda', 1004886016)]))

    expect(layout).toEqual([
      {
        id: 'sda',
        type: 'disk',
        name: 'sda',
        size: 958,
        extra: [],
        bootable: true,
        // Nailgun reported 330 here: a copy taken before the volumes were placed. 958 MB are all used.
        free_space: 0,
        volumes: [
          { type: 'boot', size: 300 },
          { type: 'partition', name: 'Boot', mount: '/boot', file_system: 'ext2', size: 200 },
          { type: 'lvm_meta_pool', size: 64 },
          { type: 'pv', vg: 'os', size: 394, lvm_meta_size: 64 },
          { type: 'pv', vg: 'vm', size: 0, lvm_meta_size: 0 },
        ],
      },
      {
        id: 'os',
        type: 'vg',
        label: 'Base System',
        min_size: 19456,
        _allocate_size: 'min',
        volumes: [
          // Nailgun computed -3766 (330 MB of VG minus 4096 MB of swap); a negative size is clamped to 0.
          { name: 'root', mount: '/', type: 'lv', size: 0, file_system: 'ext4' },
          { name: 'swap', mount: 'swap', type: 'lv', size: 4096, file_system: 'swap' },
        ],
      },
      {
        id: 'vm',
        type: 'vg',
        label: 'Virtual Storage',
        min_size: 5120,
        _allocate_size: 'all',
        volumes: [{ name: 'nova', mount: '/var/lib/nova', type: 'lv', size: 0, file_system: 'xfs' }],
      },
    ])
  })

  it('gives a compute node the OS at its minimum and every other megabyte to virtual storage', () => {
    const layout = defaultLayout(input(['compute'], [disk('sda', TB_DISK), disk('sdb', TB_DISK)]))
    const [sda, sdb] = disks(layout)

    // root = 20% of sda capped at 50 GB, swap = 2 x 2 GB of RAM
    expect(given(layout, 'os')).toBe(51200 + 4096)
    expect(group(layout, 'os').min_size).toBe(55296)
    const reserved = 2 * (BOOT_RECORDS_SIZE + BOOT_SIZE + 2 * LVM_META_SIZE)
    expect(given(layout, 'vm')).toBe(2 * 953869 - reserved - 55296)
    expect(volumeOn(sda!, 'os')?.size).toBe(55296 + LVM_META_SIZE)
    expect(volumeOn(sdb!, 'os')?.size).toBe(0)
    expect(sda!.free_space + sdb!.free_space).toBe(0)
    expectConsistent(layout)
  })

  it('mirrors /boot on every disk of a multi-disk node and marks only the first disk bootable', () => {
    const layout = defaultLayout(
      input(['controller'], [disk('sdb', TB_DISK), disk('sda', TB_DISK), disk('sdc', TB_DISK)]),
    )

    expect(disks(layout).map((d) => [d.name, d.bootable])).toEqual([
      ['sda', true],
      ['sdb', false],
      ['sdc', false],
    ])
    for (const d of disks(layout)) {
      expect(d.volumes.find((v) => 'mount' in v && v.mount === '/boot')).toMatchObject({ type: 'raid', size: 200 })
    }
  })

  it('gives a controller the OS at its minimum and the rest to Glance images', () => {
    const layout = defaultLayout(input(['controller'], [disk('sda', TB_DISK), disk('sdb', TB_DISK)]))

    expect(groups(layout).map((g) => g.id)).toEqual(['os', 'image'])
    expect(given(layout, 'os')).toBe(55296)
    const usable = disks(layout).reduce((sum, d) => sum + d.size, 0) - 2 * (300 + 200 + 2 * 64)
    expect(given(layout, 'image')).toBe(usable - 55296)
    expect(group(layout, 'image').volumes[0]).toMatchObject({ name: 'glance', size: given(layout, 'image') })
    expectConsistent(layout)
  })

  it('gives a cinder node a cinder volume group without logical volumes', () => {
    const layout = defaultLayout(input(['cinder'], [disk('sda', TB_DISK), disk('sdb', TB_DISK)]))

    expect(group(layout, 'cinder')).toMatchObject({ label: 'Cinder', min_size: 1536, volumes: [] })
    expect(given(layout, 'cinder')).toBeGreaterThan(1_800_000)
    expectConsistent(layout)
  })

  it('gives Ceph OSDs the whole disks that do not hold the OS', () => {
    const layout = defaultLayout(
      input(['ceph-osd'], [disk('sda', 100 * GB), disk('sdb', TB_DISK), disk('sdc', TB_DISK)]),
    )
    const [sda, sdb, sdc] = disks(layout)

    expect(volumeOn(sda!, 'ceph')).toMatchObject({ type: 'partition', size: 0, mount: 'none' })
    expect(volumeOn(sdb!, 'ceph')?.size).toBe(953869 - 300 - 200 - 64)
    expect(volumeOn(sdc!, 'ceph')?.size).toBe(953869 - 300 - 200 - 64)
    // Ceph is a partition, not a volume group.
    expect(groups(layout).map((g) => g.id)).toEqual(['os'])
    // The OS disk keeps the space the OS does not use: whole disks only go to Ceph.
    expect(sda!.free_space).toBeGreaterThan(0)
  })

  it('shares a single disk between the OS and Ceph, as a whole disk cannot be spared', () => {
    const layout = defaultLayout(input(['ceph-osd'], [disk('sda', 200 * GB)]))

    expect(given(layout, 'ceph')).toBe(200 * 1024 - 300 - 200 - 64 - given(layout, 'os'))
    expectConsistent(layout)
  })

  it('splits the free space evenly between volumes that both want all of it', () => {
    const layout = defaultLayout(input(['compute', 'cinder'], [disk('sda', TB_DISK), disk('sdb', TB_DISK)]))

    expect(Math.abs(given(layout, 'vm') - given(layout, 'cinder'))).toBeLessThanOrEqual(1)
    expect(disks(layout).every((d) => d.free_space === 0)).toBe(true)
    expectConsistent(layout)
  })

  it('allocates the OS first, then whole disks, then the remainder for a compute + Ceph node', () => {
    const layout = defaultLayout(input(['compute', 'ceph-osd'], [disk('sda', TB_DISK), disk('sdb', TB_DISK)]))
    const [sda, sdb] = disks(layout)

    expect(volumeOn(sdb!, 'ceph')?.size).toBe(953869 - 300 - 200 - 2 * 64)
    expect(volumeOn(sdb!, 'vm')?.size).toBe(0)
    expect(volumeOn(sda!, 'ceph')?.size).toBe(0)
    expect(given(layout, 'vm')).toBe(953869 - 300 - 200 - 2 * 64 - 55296)
    expectConsistent(layout)
  })

  it('does not depend on the order of roles or disks', () => {
    const a = defaultLayout(input(['cinder', 'compute'], [disk('sdb', TB_DISK), disk('sda', 2 * TB_DISK)]))
    const b = defaultLayout(input(['compute', 'cinder'], [disk('sda', 2 * TB_DISK), disk('sdb', TB_DISK)]))

    expect(a).toEqual(b)
  })

  it('keeps every disk exactly filled for many disk sizes and role sets', () => {
    const roleSets = [['controller'], ['compute'], ['cinder'], ['ceph-osd'], ['compute', 'ceph-osd'], ['base-os']]
    const sizes = [8_000_000, 1004886016, 20 * GB, 64 * GB, 500 * GB, TB_DISK, 4 * TB_DISK]
    for (const roles of roleSets) {
      for (const first of sizes) {
        for (const second of [undefined, ...sizes]) {
          const agentDisks = second === undefined ? [disk('sda', first)] : [disk('sda', first), disk('sdb', second)]
          expectConsistent(defaultLayout(input(roles, agentDisks)))
        }
      }
    }
  })

  it('sizes root at 20% of the first disk within 15 to 50 GB and swap from RAM', () => {
    const rootOf = (layout: Layout) => group(layout, 'os').volumes.find((lv) => lv.name === 'root')!
    const swapOf = (layout: Layout) => group(layout, 'os').volumes.find((lv) => lv.name === 'swap')!.size

    expect(group(defaultLayout(input(['compute'], [disk('sda', 40 * GB)])), 'os').min_size).toBe(15360 + 4096)
    expect(group(defaultLayout(input(['compute'], [disk('sda', 100 * GB)])), 'os').min_size).toBe(20480 + 4096)
    expect(rootOf(defaultLayout(input(['compute'], [disk('sda', 100 * GB)]))).size).toBe(20480)
    expect(group(defaultLayout(input(['compute'], [disk('sda', TB_DISK)])), 'os').min_size).toBe(51200 + 4096)

    const swapFor = (ramGb: number) =>
      swapOf(defaultLayout(input(['compute'], [disk('sda', TB_DISK)], { ramBytes: ramGb * GB })))
    expect(swapFor(1)).toBe(2048)
    expect(swapFor(8)).toBe(8192)
    expect(swapFor(32)).toBe(16384)
    expect(swapFor(128)).toBe(4096)
  })

  it('skips the service partitions on a disk too small for them and gives the OS what is left', () => {
    const layout = defaultLayout(input(['compute'], [disk('sda', 8_000_000)]))
    const [sda] = disks(layout)

    expect(sda).toMatchObject({ size: 7, free_space: 0 })
    // boot records, /boot, LVM metadata pool, os (no room for its metadata), vm
    expect(sda!.volumes.map((v) => v.size)).toEqual([0, 0, 0, 7, 0])
  })

  it('lays out only the service partitions when the node reports no disks', () => {
    const layout = defaultLayout(input(['compute'], []))

    expect(disks(layout)).toEqual([])
    expect(groups(layout).map((g) => [g.id, g.volumes.map((lv) => lv.size)])).toEqual([
      ['os', [0, 4096]],
      ['vm', [0]],
    ])
  })

  it('fails on a release naming a generator it does not know', () => {
    const bad = input(['compute'], [disk('sda', TB_DISK)])
    bad.spaces[0] = { ...bad.spaces[0]!, min_size: { generator: 'calc_magic' } }

    expect(() => defaultLayout(bad)).toThrow('Cannot find generator calc_magic')
  })
})
