/**
 * Nailgun's "simple" disk format, the one the REST API and the UI speak: per disk only its usable
 * size and the size of each volume, without service partitions or LVM metadata. Converts a stored
 * layout to it, and applies an edited simple layout back onto a stored one.
 * @module
 */
import { isDataPartition } from './disk-builder.js'
import { LVM_META_SIZE } from './sizes.js'
import { type DiskSpace, type DiskVolume, isDisk, type Layout, type NodeSpace } from './types.js'
import { sizeContext, volumeGroups } from './volume-layout.js'

export interface SimpleVolume {
  name: string
  size: number
  keep_data: boolean
}

export interface SimpleDisk {
  id: string
  name: string
  /** What the volumes can share: the disk minus its boot area and the LVM metadata. */
  size: number
  bootable: boolean
  extra: string[]
  volumes: SimpleVolume[]
}

/** An edit of one disk, as validated from a PUT body. */
export interface SimpleDiskEdit {
  id: string
  bootable?: boolean
  volumes: Array<{ name: string; size: number; keep_data?: boolean }>
}

export function toSimpleFormat(layout: Layout): SimpleDisk[] {
  return layout.filter(isDisk).map((disk) => ({
    id: disk.id,
    name: disk.name,
    size: usableSize(disk),
    bootable: disk.bootable,
    extra: disk.extra,
    volumes: simpleVolumes(disk.volumes),
  }))
}

/** The disk's size without the boot area, the LVM metadata pool and the metadata of its volumes. */
export function usableSize(disk: DiskSpace): number {
  const reserved = disk.volumes.reduce((sum, v) => sum + (isService(v) ? v.size : 0), 0)
  const lvmMeta = disk.volumes.reduce((sum, v) => sum + (v.type === 'pv' ? v.lvm_meta_size : 0), 0)
  return Math.max(disk.size - reserved - lvmMeta, 0)
}

/** Boot records, `/boot` and the LVM metadata pool: there on every disk, never edited by users. */
export function isService(volume: DiskVolume): boolean {
  return volume.type !== 'pv' && !isDataPartition(volume)
}

/** The name a user edits a volume by: its volume group, or its partition name. */
export function volumeName(volume: DiskVolume): string | undefined {
  if (volume.type === 'pv') return volume.vg
  return isDataPartition(volume) ? volume.name : undefined
}

function simpleVolumes(volumes: readonly DiskVolume[]): SimpleVolume[] {
  const rank = (v: DiskVolume) => ['pv', 'partition', 'raid'].indexOf(v.type)
  return volumes
    .filter((v) => !isService(v))
    .sort((a, b) => rank(a) - rank(b))
    .map((v) => ({
      name: volumeName(v)!,
      size: v.type === 'pv' ? Math.max(v.size - v.lvm_meta_size, 0) : v.size,
      keep_data: 'keep_data' in v ? Boolean(v.keep_data) : false,
    }))
}

/**
 * The stored layout with the edits applied: volume sizes and flags, bootable disk, and the volume
 * groups' logical volumes re-sized from the new physical volumes. `edits` must have been validated
 * against `layout` (known disks and volumes, sizes that fit).
 */
export function applySimpleEdits(
  layout: Layout,
  edits: readonly SimpleDiskEdit[],
  requirements: { spaces: readonly NodeSpace[]; ramBytes: number },
): Layout {
  const disks: DiskSpace[] = structuredClone(layout.filter(isDisk))
  for (const edit of edits) {
    const disk = disks.find((d) => d.id === edit.id)!
    for (const change of edit.volumes) resizeVolume(disk, change)
    disk.free_space = disk.size - disk.volumes.reduce((sum, v) => sum + v.size, 0)
  }
  // Choosing a bootable disk moves the flag; leaving it out keeps the current one.
  const bootable = edits.find((e) => e.bootable === true)
  if (bootable) for (const d of disks) d.bootable = d.id === bootable.id
  return [...disks, ...volumeGroups(requirements.spaces, sizeContext(disks, requirements.ramBytes))]
}

function resizeVolume(disk: DiskSpace, change: SimpleDiskEdit['volumes'][number]): void {
  const volume = disk.volumes.find((v) => volumeName(v) === change.name)!
  if (volume.type === 'pv') {
    const pool = disk.volumes.find((v) => v.type === 'lvm_meta_pool')
    // Give the old metadata back to the pool and take it again only if the volume still exists.
    if (pool) pool.size += volume.lvm_meta_size
    const meta = change.size > 0 && pool && pool.size >= LVM_META_SIZE ? LVM_META_SIZE : 0
    if (pool) pool.size -= meta
    volume.size = change.size + meta
    volume.lvm_meta_size = meta
  } else {
    volume.size = change.size
  }
  // Stored only when set, so a layout saved back unchanged stays identical.
  if (volume.type === 'boot' || volume.type === 'lvm_meta_pool') return
  if (change.keep_data) volume.keep_data = true
  else delete volume.keep_data
}
