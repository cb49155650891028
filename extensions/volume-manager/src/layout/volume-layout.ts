/**
 * The default layout of a node, Nailgun-style: service partitions on every disk, then the volumes
 * with a minimum size, then those that want whole disks, then those sharing what is left.
 * @module
 */
import { DiskBuilder } from './disk-builder.js'
import { resolveSize, type SizeContext } from './sizes.js'
import type {
  AgentDisk,
  AllocateSize,
  DiskVolume,
  Layout,
  LayoutInput,
  LogicalVolume,
  LogicalVolumeSpec,
  NodeSpace,
  VolumeGroupSpace,
} from './types.js'

export function defaultLayout(input: LayoutInput): Layout {
  const agentDisks = sortedDisks(input.disks)
  const volumeGroupCount = input.spaces.filter((s) => s.type === 'vg').length
  const disks = agentDisks.map(
    (disk, index) =>
      new DiskBuilder(disk, { bootIsRaid: agentDisks.length > 1, volumeGroupCount, bootable: index === 0 }),
  )
  const ctx = sizeContext(disks, input.ramBytes)
  const withRule = (rule: AllocateSize) => input.spaces.filter((s) => s.allocateSize === rule)
  for (const space of withRule('min')) {
    allocateAcross(disks, space, resolveSize(space.min_size, ctx, { vg: space.id }))
  }
  for (const space of withRule('full-disk')) allocateFullDisks(disks, space)
  shareRemainder(disks, withRule('all'))
  return [...disks.map((d) => d.render()), ...volumeGroups(input.spaces, ctx)]
}

/** Disks in name order: the first one holds the OS and sizes root, whatever order the agent used. */
export function sortedDisks(disks: readonly AgentDisk[]): AgentDisk[] {
  return [...disks].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** Sizes as generators see them, read live from the disks being filled. */
export function sizeContext(
  disks: ReadonlyArray<{ size: number; volumes: DiskVolume[] }>,
  ramBytes: number,
): SizeContext {
  return {
    firstDiskMb: disks[0]?.size ?? 0,
    ramBytes,
    vgSize: (vg) => {
      let total = 0
      for (const disk of disks) {
        for (const v of disk.volumes) if (v.type === 'pv' && v.vg === vg) total += v.size - v.lvm_meta_size
      }
      return total
    },
  }
}

/** Fills disks in order until `size` is placed; every disk gets an entry, possibly of size 0. */
function allocateAcross(disks: DiskBuilder[], space: NodeSpace, size: number): void {
  let remaining = size
  for (const disk of disks) {
    const share = Math.min(remaining, Math.max(disk.freeSpace, 0))
    disk.allocate(space, share)
    remaining -= share
  }
}

/** Whole disks only: a disk that already holds data (the OS, say) gives this space nothing. */
function allocateFullDisks(disks: DiskBuilder[], space: NodeSpace): void {
  for (const disk of disks) {
    if (disk.hasDataVolume()) disk.allocate(space, 0)
    else disk.allocate(space)
  }
}

/**
 * Equal shares of the free space; the last volume takes everything left on each disk, so rounding
 * never leaves a megabyte unused.
 */
function shareRemainder(disks: DiskBuilder[], spaces: NodeSpace[]): void {
  const last = spaces.at(-1)
  if (!last) return
  const free = disks.reduce((sum, d) => sum + Math.max(d.freeSpace, 0), 0)
  const share = Math.floor(free / spaces.length)
  for (const space of spaces.slice(0, -1)) allocateAcross(disks, space, share)
  for (const disk of disks) disk.allocate(last, Math.max(disk.freeSpace, 0))
}

/** The volume groups with their logical volumes sized from the physical volumes now on the disks. */
export function volumeGroups(spaces: readonly NodeSpace[], ctx: SizeContext): VolumeGroupSpace[] {
  return spaces
    .filter((space) => space.type === 'vg')
    .map((space) => ({
      id: space.id,
      type: 'vg' as const,
      label: space.label,
      min_size: resolveSize(space.min_size, ctx, { vg: space.id }),
      _allocate_size: space.allocateSize,
      volumes: space.volumes.map((lv) => logicalVolume(lv, ctx, space.id)),
    }))
}

function logicalVolume(lv: LogicalVolumeSpec, ctx: SizeContext, vg: string): LogicalVolume {
  return {
    name: lv.name,
    mount: lv.mount,
    type: lv.type,
    size: resolveSize(lv.size, ctx, { vg }),
    file_system: lv.file_system ?? defaultFileSystem(lv.mount),
  }
}

/** Fuel's choices when a release does not name one: ext4 for root, xfs for data. */
function defaultFileSystem(mount: string): string {
  if (mount === 'swap') return 'swap'
  return mount === '/' ? 'ext4' : 'xfs'
}
