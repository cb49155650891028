/**
 * Whether a node's disks can hold what its roles need. Run before deployment on nodes that will
 * be (re)provisioned; one line per node that cannot, as Nailgun reports it.
 * @module
 */
import { InputError } from '@nailgun/extensions'
import { BOOT_RECORDS_SIZE, BOOT_SIZE, resolveSize } from './sizes.js'
import { type DiskSpace, isDisk, type Layout, type NodeSpace } from './types.js'
import { sizeContext } from './volume-layout.js'

export interface SpaceRequirements {
  spaces: readonly NodeSpace[]
  ramBytes: number
}

/**
 * What is missing, as readable sentences; empty when the layout fits. Two checks, as Nailgun has:
 * the disks together must hold every volume's minimum plus each disk's boot area, and each volume
 * must have been given at least its minimum.
 */
export function diskSpaceShortfalls(layout: Layout, requirements: SpaceRequirements): string[] {
  const disks = layout.filter(isDisk)
  const ctx = sizeContext(disks, requirements.ramBytes)
  const minimum = (space: NodeSpace) => resolveSize(space.min_size, ctx, { vg: space.id })
  const shortfalls: string[] = []
  const total = disks.reduce((sum, d) => sum + d.size, 0)
  const bootAreas = disks.filter((d) => d.size > 0).length * (BOOT_SIZE + BOOT_RECORDS_SIZE)
  const needed = requirements.spaces.reduce((sum, space) => sum + minimum(space), bootAreas)
  if (total < needed) shortfalls.push(`Disks hold ${total}MB but the installation needs at least ${needed}MB`)
  for (const space of requirements.spaces) {
    const min = minimum(space)
    if (allocatedSize(disks, space.id) < min) {
      shortfalls.push(`Volume group '${space.label}' requires a minimum of ${min}MB`)
    }
  }
  return shortfalls
}

/** Everything given to a space across the disks (physical volumes count their LVM metadata). */
export function allocatedSize(disks: readonly DiskSpace[], spaceId: string): number {
  let total = 0
  for (const disk of disks) {
    for (const v of disk.volumes) {
      if ((v.type === 'pv' && v.vg === spaceId) || ('name' in v && v.name === spaceId)) total += v.size
    }
  }
  return total
}

/** The line Nailgun shows for a node whose disks are too small. */
export function insufficientSpaceMessage(nodeName: string): string {
  return `Node '${nodeName}' has insufficient disk space`
}

/** Throws when the node's disks cannot hold the minimum sizes of its volumes. */
export function checkDiskSpace(node: { name: string }, layout: Layout, requirements: SpaceRequirements): void {
  const shortfalls = diskSpaceShortfalls(layout, requirements)
  if (shortfalls.length > 0) {
    throw new InputError('NG_EXT_VOLUMES_INSUFFICIENT_SPACE', insufficientSpaceMessage(node.name), {
      errors: [{ node: node.name, shortfalls }],
    })
  }
}
