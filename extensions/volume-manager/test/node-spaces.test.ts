import { describe, expect, it } from 'vitest'
import { DEFAULT_OS_SPACE, nodeSpaces, parseVolumesMetadata } from '../src/layout/node-spaces.js'
import { RELEASE_VOLUMES } from './support/release-volumes.js'

const spaces = (roles: string[], options: { diskCount?: number; imagesCeph?: boolean } = {}) =>
  nodeSpaces({
    metadata: RELEASE_VOLUMES,
    roles,
    diskCount: options.diskCount ?? 2,
    imagesCeph: options.imagesCeph ?? false,
  })
const summary = (list: ReturnType<typeof spaces>) => list.map((s) => `${s.id}:${s.allocateSize}`)

describe('node spaces', () => {
  it('unions the volumes of all roles, in release order', () => {
    expect(summary(spaces(['ceph-osd', 'compute']))).toEqual(['os:min', 'vm:all', 'ceph:full-disk'])
  })

  it('turns whole-disk volumes into a share of the only disk', () => {
    expect(summary(spaces(['ceph-osd'], { diskCount: 1 }))).toEqual(['os:min', 'ceph:all'])
  })

  it('keeps the rule of the first role (by name) asking for a volume', () => {
    // base-os wants the OS on all the space; compute wants it at its minimum.
    expect(summary(spaces(['compute', 'base-os']))).toEqual(['os:all', 'vm:all'])
  })

  it('leaves out the Glance volume when images are stored in Ceph', () => {
    expect(summary(spaces(['controller'], { imagesCeph: true }))).toEqual(['os:min'])
  })

  it('gives a node whose roles need no volume the OS on all the space', () => {
    expect(summary(spaces([]))).toEqual(['os:all'])
    expect(summary(spaces(['unknown-role']))).toEqual(['os:all'])
  })

  it('gives a node outside any environment only the OS', () => {
    const result = nodeSpaces({ metadata: null, roles: ['compute'], diskCount: 1, imagesCeph: false })

    expect(result).toEqual([{ ...DEFAULT_OS_SPACE, allocateSize: 'all' }])
  })

  it('rejects release metadata without volumes or with a mapping to an unknown volume', () => {
    expect(() => parseVolumesMetadata({})).toThrow('no usable volumes_metadata')
    expect(() =>
      parseVolumesMetadata({ volumes: [], volumes_roles_mapping: { compute: [{ id: 'vm', allocate_size: 'all' }] } }),
    ).toThrow("role 'compute' has an invalid entry")
    expect(() => parseVolumesMetadata({ volumes: [{ id: 'x', type: 'lvm' }], volumes_roles_mapping: {} })).toThrow(
      'invalid volume',
    )
  })

  it('fills in a label and an empty volume list for bare partitions', () => {
    const parsed = parseVolumesMetadata({
      volumes: [{ id: 'ceph', type: 'partition', min_size: 3072 }],
      volumes_roles_mapping: {},
    })

    expect(parsed.volumes[0]).toMatchObject({ label: 'ceph', volumes: [] })
  })
})
