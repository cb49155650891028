/**
 * The shapes of a node's disk layout, in Nailgun's "full" format: what the table stores, what the
 * pipelines hand to the orchestrator (`ks_spaces`, `node_volumes`). All sizes are in MB (MiB).
 * Keys are snake_case because the provisioning agent reads them as they are.
 * @module
 */

/** How much of the free space a volume takes: its minimum, an equal share of the rest, or whole disks. */
export type AllocateSize = 'min' | 'all' | 'full-disk'

/** A size: a number of MB, or a generator call resolved when the layout is built. */
export type SizeExpr = number | { generator: string; generator_args?: Array<string | number> }

/** A logical volume of a volume group, as the release describes it. */
export type LogicalVolumeSpec = {
  name: string
  mount: string
  type: string
  size: SizeExpr
  file_system?: string
}

/** A space a release can lay out on disks: a volume group, a plain partition or a RAID member. */
export type VolumeSpace = {
  id: string
  type: 'vg' | 'partition' | 'raid'
  label: string
  min_size: SizeExpr
  volumes: LogicalVolumeSpec[]
  mount?: string
  file_system?: string
  disk_label?: string
  partition_guid?: string
}

/** A space as a given node needs it: with the allocation rule its roles chose. */
export type NodeSpace = VolumeSpace & { allocateSize: AllocateSize }

/** The release's `volumes_metadata`. */
export type VolumesMetadata = {
  volumes: VolumeSpace[]
  volumes_roles_mapping: Record<string, Array<{ id: string; allocate_size: AllocateSize }>>
}

/** Space reserved at the start of a disk for the partition table / BIOS boot / EFI records. */
export type BootRecords = { type: 'boot'; size: number }

/** Space reserved on every disk for the LVM metadata of the physical volumes created later. */
export type LvmMetaPool = { type: 'lvm_meta_pool'; size: number }

/** An LVM physical volume of a volume group; `size` includes its `lvm_meta_size`. */
export type PhysicalVolume = { type: 'pv'; vg: string; size: number; lvm_meta_size: number; keep_data?: boolean }

/** A partition (or RAID member), including the `/boot` partition every disk gets. */
export type PartitionVolume = {
  type: 'partition' | 'raid'
  name: string
  size: number
  mount: string
  file_system: string
  disk_label?: string
  partition_guid?: string
  keep_data?: boolean
}

/** Anything placed on a disk. */
export type DiskVolume = BootRecords | LvmMetaPool | PhysicalVolume | PartitionVolume

/** One physical disk of the node and what is placed on it. */
export type DiskSpace = {
  id: string
  type: 'disk'
  name: string
  size: number
  extra: string[]
  bootable: boolean
  free_space: number
  volumes: DiskVolume[]
}

/** A logical volume with its resolved size. */
export type LogicalVolume = { name: string; mount: string; type: string; size: number; file_system: string }

/** A volume group with its logical volumes, sized from the physical volumes on the disks. */
export type VolumeGroupSpace = {
  id: string
  type: 'vg'
  label: string
  min_size: number
  _allocate_size: AllocateSize
  volumes: LogicalVolume[]
}

/** A node's whole layout: its disks, then its volume groups. */
export type Layout = Array<DiskSpace | VolumeGroupSpace>

/** A disk as the node agent reports it (`meta.disks[]`); `size` is in bytes. */
export type AgentDisk = { name: string; size: number; disk?: string; model?: string; extra?: string[] }

/** Everything the default layout depends on. */
export type LayoutInput = {
  disks: AgentDisk[]
  /** Total RAM in bytes (swap is sized from it); 0 when unknown. */
  ramBytes: number
  spaces: NodeSpace[]
}

export function isDisk(space: DiskSpace | VolumeGroupSpace): space is DiskSpace {
  return space.type === 'disk'
}

export function isVolumeGroup(space: DiskSpace | VolumeGroupSpace): space is VolumeGroupSpace {
  return space.type === 'vg'
}
