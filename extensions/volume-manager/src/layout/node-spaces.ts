/**
 * Which spaces a node needs: the union of what its roles map to in the release's
 * `volumes_metadata`, with the allocation rule of the first role that asks for each.
 * @module
 */
import type { AllocateSize, NodeSpace, VolumeSpace, VolumesMetadata } from './types.js'

const ALLOCATE_SIZES: readonly AllocateSize[] = ['min', 'all', 'full-disk']
const SPACE_TYPES = ['vg', 'partition', 'raid']

/**
 * The OS volume group of Fuel's releases. Used for nodes outside any environment (no release to ask)
 * and for nodes whose roles map to nothing, so every node still gets a bootable system.
 */
export const DEFAULT_OS_SPACE: VolumeSpace = Object.freeze({
  id: 'os',
  type: 'vg',
  label: 'Base System',
  min_size: { generator: 'calc_min_os_size' },
  volumes: [
    { mount: '/', type: 'lv', name: 'root', size: { generator: 'calc_total_root_vg' }, file_system: 'ext4' },
    { mount: 'swap', type: 'lv', name: 'swap', size: { generator: 'calc_swap_size' }, file_system: 'swap' },
  ],
}) as VolumeSpace

export interface NodeSpacesInput {
  /** The release's metadata, or null for a node outside any environment. */
  metadata: VolumesMetadata | null
  /** `roles ∪ pendingRoles`. */
  roles: readonly string[]
  diskCount: number
  /** Glance keeps images in Ceph: controllers need no local image volume. */
  imagesCeph: boolean
}

export function nodeSpaces(input: NodeSpacesInput): NodeSpace[] {
  const { metadata } = input
  if (!metadata) return [{ ...DEFAULT_OS_SPACE, allocateSize: 'all' }]
  const chosen = new Map<string, AllocateSize>()
  // Sorted so that the layout does not depend on the order roles were given in, nor on a role moving
  // from pending to deployed.
  for (const role of [...new Set(input.roles)].sort()) {
    for (const { id, allocate_size } of metadata.volumes_roles_mapping[role] ?? []) {
      if (input.imagesCeph && id === 'image') continue
      if (!chosen.has(id)) chosen.set(id, effectiveAllocateSize(allocate_size, input.diskCount))
    }
  }
  if (chosen.size === 0) return fallbackSpaces(metadata, input.diskCount)
  // Release order (os first), not role order, decides which volume gets the remainder of the disks.
  return metadata.volumes
    .filter((space) => chosen.has(space.id))
    .map((space) => ({ ...space, allocateSize: chosen.get(space.id)! }))
}

/** A single disk cannot be given whole to one volume next to the OS: share it instead. */
function effectiveAllocateSize(size: AllocateSize, diskCount: number): AllocateSize {
  return size === 'full-disk' && diskCount === 1 ? 'all' : size
}

/** Nailgun's `other` role mapping when the release has one, else the OS on all the space. */
function fallbackSpaces(metadata: VolumesMetadata, diskCount: number): NodeSpace[] {
  const other = metadata.volumes_roles_mapping.other ?? [{ id: 'os', allocate_size: 'all' as const }]
  return other.map(({ id, allocate_size }) => ({
    ...(metadata.volumes.find((space) => space.id === id) ?? DEFAULT_OS_SPACE),
    allocateSize: effectiveAllocateSize(allocate_size, diskCount),
  }))
}

/** Checks the release's `volumes_metadata` and returns it typed; throws when it is malformed. */
export function parseVolumesMetadata(value: unknown): VolumesMetadata {
  const data = value as Partial<VolumesMetadata> | null
  if (!data || !Array.isArray(data.volumes) || typeof data.volumes_roles_mapping !== 'object') {
    throw new Error('the release has no usable volumes_metadata (volumes, volumes_roles_mapping)')
  }
  const volumes = data.volumes.map(normaliseSpace)
  for (const [role, entries] of Object.entries(data.volumes_roles_mapping ?? {})) {
    for (const entry of entries ?? []) {
      if (!ALLOCATE_SIZES.includes(entry.allocate_size) || !volumes.some((v) => v.id === entry.id)) {
        throw new Error(`volumes_roles_mapping of role '${role}' has an invalid entry: ${JSON.stringify(entry)}`)
      }
    }
  }
  return { volumes, volumes_roles_mapping: data.volumes_roles_mapping! }
}

function normaliseSpace(space: VolumeSpace): VolumeSpace {
  if (typeof space?.id !== 'string' || !SPACE_TYPES.includes(space.type)) {
    throw new Error(`volumes_metadata has an invalid volume: ${JSON.stringify(space)}`)
  }
  // Partitions such as Ceph's carry no logical volumes and often no label.
  return { ...space, label: space.label ?? space.id, volumes: space.volumes ?? [] }
}
