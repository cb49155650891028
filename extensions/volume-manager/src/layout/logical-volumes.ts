/**
 * The logical volumes of a layout, flattened: what `GET /nodes/<id>/volumes` and the image cache
 * size read.
 * @module
 */
import { isVolumeGroup, type Layout } from './types.js'

/** Size in MB of the logical volume `name` of volume group `vg`; 0 when the layout has none. */
export function allocatedLogicalVolume(layout: Layout, vg: string, name: string): number {
  let total = 0
  for (const group of layout.filter(isVolumeGroup)) {
    if (group.id !== vg) continue
    for (const lv of group.volumes) if (lv.name === name) total += lv.size
  }
  return total
}
