/**
 * What `GET /nodes/<id>/volumes` answers: each volume the node's roles need, with its label, the
 * minimum size it must get, and the size the current layout gives it (without LVM metadata).
 * @module
 */
import { resolveSize } from './sizes.js'
import { type DiskSpace, isDisk, type Layout, type NodeSpace } from './types.js'
import { sizeContext } from './volume-layout.js'

export interface VolumeInfo {
  name: string
  label: string
  min_size: number
  size: number
}

export function volumesInfo(
  layout: Layout,
  requirements: { spaces: readonly NodeSpace[]; ramBytes: number },
): VolumeInfo[] {
  const disks = layout.filter(isDisk)
  const ctx = sizeContext(disks, requirements.ramBytes)
  return requirements.spaces.map((space) => ({
    name: space.id,
    label: space.label,
    min_size: resolveSize(space.min_size, ctx, { vg: space.id }),
    size: usableSizeOf(disks, space.id),
  }))
}

function usableSizeOf(disks: readonly DiskSpace[], id: string): number {
  let total = 0
  for (const disk of disks) {
    for (const v of disk.volumes) {
      if (v.type === 'pv' && v.vg === id) total += v.size - v.lvm_meta_size
      else if ((v.type === 'partition' || v.type === 'raid') && v.name === id) total += v.size
    }
  }
  return total
}
