import { InputError } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import { validateDisksBody } from '../src/layout/disks-validator.js'
import { applySimpleEdits, toSimpleFormat } from '../src/layout/simple-format.js'
import { isDisk, isVolumeGroup, type Layout } from '../src/layout/types.js'
import { defaultLayout } from '../src/layout/volume-layout.js'
import { disk, input, TB_DISK } from './support/release-volumes.js'

const needs = input(['compute'], [disk('sda', TB_DISK), disk('sdb', TB_DISK, { extra: ['disk/by-id/wwn-2'] })])
const layout = defaultLayout(needs)
const rules = { osOnSingleDisk: true }

function validate(body: unknown) {
  return validateDisksBody(body, layout.filter(isDisk), rules)
}

function rejection(body: unknown): string {
  try {
    validate(body)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error('expected the body to be rejected')
}

describe('simple disk format', () => {
  it('shows usable sizes, without service partitions or LVM metadata', () => {
    const usable = 953869 - 300 - 200 - 2 * 64

    expect(toSimpleFormat(layout)).toEqual([
      {
        id: 'sda',
        name: 'sda',
        size: usable,
        bootable: true,
        extra: [],
        volumes: [
          { name: 'os', size: 55296, keep_data: false },
          { name: 'vm', size: usable - 55296, keep_data: false },
        ],
      },
      {
        id: 'sdb',
        name: 'sdb',
        size: usable,
        bootable: false,
        extra: ['disk/by-id/wwn-2'],
        volumes: [
          { name: 'os', size: 0, keep_data: false },
          { name: 'vm', size: usable, keep_data: false },
        ],
      },
    ])
  })

  it('round-trips: applying the simple format of a layout changes nothing', () => {
    const edits = validate(toSimpleFormat(layout))

    expect(applySimpleEdits(layout, edits, needs)).toEqual(layout)
  })

  it('applies new sizes, re-sizes the logical volumes and keeps the disk exactly accounted', () => {
    const simple = toSimpleFormat(layout)
    simple[1]!.volumes[1]!.size = 400_000
    for (const d of simple) d.volumes[1]!.keep_data = true

    const updated = applySimpleEdits(layout, validate(simple), needs)

    const sdb = updated.filter(isDisk)[1]!
    expect(sdb.volumes.find((v) => v.type === 'pv' && v.vg === 'vm')).toEqual({
      type: 'pv',
      vg: 'vm',
      size: 400_064,
      lvm_meta_size: 64,
      keep_data: true,
    })
    expect(sdb.free_space).toBe(953869 - 300 - 200 - 2 * 64 - 400_000)
    const nova = updated.filter(isVolumeGroup).find((g) => g.id === 'vm')!.volumes[0]!
    expect(nova.size).toBe(toSimpleFormat(updated).reduce((sum, d) => sum + d.volumes[1]!.size, 0))
    expect(toSimpleFormat(updated)[1]!.volumes[1]).toEqual({ name: 'vm', size: 400_000, keep_data: true })
  })

  it('returns the LVM metadata of a volume shrunk to 0 to the pool, and takes it again when it grows', () => {
    const simple = toSimpleFormat(layout)
    simple[0]!.volumes[1]!.size = 0
    const shrunk = applySimpleEdits(layout, validate(simple), needs)
    const pool = (l: Layout) => l.filter(isDisk)[0]!.volumes.find((v) => v.type === 'lvm_meta_pool')!.size

    expect(pool(shrunk)).toBe(64)
    expect(toSimpleFormat(shrunk)[0]!.size).toBe(toSimpleFormat(layout)[0]!.size)
    const grown = applySimpleEdits(shrunk, validate(toSimpleFormat(layout)), needs)
    expect(pool(grown)).toBe(0)
  })

  it('moves the bootable flag to the disk chosen', () => {
    const simple = toSimpleFormat(layout)
    simple[0]!.bootable = false
    simple[1]!.bootable = true

    const updated = applySimpleEdits(layout, validate(simple), needs)

    expect(updated.filter(isDisk).map((d) => d.bootable)).toEqual([false, true])
  })
})

describe('disks validation', () => {
  const valid = () => toSimpleFormat(layout)

  it('rejects an empty list', () => {
    expect(rejection([])).toBe('Node seems not to have disks')
  })

  it('rejects a body that is not a list of disks', () => {
    expect(rejection({ id: 'sda' })).toBe('A list of disks is expected')
    expect(rejection(['sda'])).toBe('[0]: a disk must be an object')
  })

  it('names the missing property and where it is missing', () => {
    const body = valid()
    delete (body[0]!.volumes[0] as Partial<(typeof body)[0]['volumes'][0]>).size

    expect(rejection(body)).toBe("[0].volumes[0]: 'size' is a required property")
  })

  it('rejects sizes that are not non-negative integers', () => {
    const body = valid()
    body[0]!.volumes[0]!.size = -1

    expect(rejection(body)).toBe('[0].volumes[0].size: must be a non-negative integer')
  })

  it('rejects a disk the node does not have', () => {
    const body = valid()
    body[0]!.id = 'sdz'

    expect(rejection(body)).toBe("Unknown disk 'sdz': the node has sda, sdb")
  })

  it('rejects a volume the disk does not hold', () => {
    const body = valid()
    body[0]!.volumes[0]!.name = 'image'

    expect(rejection(body)).toBe("Disk 'sda' has no volume 'image'")
  })

  it('rejects volumes larger than the disk', () => {
    const body = valid()
    body[0]!.volumes[1]!.size += 1

    expect(rejection(body)).toMatch(/^Not enough free space on disk: sda \(volumes need \d+MB, \d+MB available\)$/)
  })

  it('judges the fit by the real disk size, not the size in the body', () => {
    const body = valid()
    body[0]!.size = 10 * body[0]!.size
    body[0]!.volumes[1]!.size += 1

    expect(rejection(body)).toMatch(/^Not enough free space on disk: sda/)
  })

  it('rejects a volume kept on one disk and wiped on another', () => {
    const body = valid()
    body[0]!.volumes[1]!.keep_data = true

    expect(rejection(body)).toBe(
      'All volumes with the same name should have the same value for `keep_data` flag, incorrect volumes: vm',
    )
  })

  it('rejects the base system on two disks on Ubuntu only', () => {
    const body = valid()
    body[1]!.volumes[0]!.size = 100
    body[1]!.volumes[1]!.size -= 100

    expect(rejection(body)).toBe('Base system should be allocated on one disk only')
    expect(() => validateDisksBody(body, layout.filter(isDisk), { osOnSingleDisk: false })).not.toThrow()
  })

  it('rejects two bootable disks', () => {
    const body = valid().map((d) => ({ ...d, bootable: true }))

    expect(rejection(body)).toBe(
      'Disks sda, sdb can not be selected as bootable at the same time. Only one disk should be selected as bootable.',
    )
  })

  it('rejects a disk listed twice', () => {
    const body = valid()
    body[1] = { ...body[0]!, volumes: [] }

    expect(rejection(body)).toBe("Disk 'sda' is listed twice")
  })
})
