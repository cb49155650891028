/**
 * One disk while a layout is being built: reserves the service partitions, then hands out its free
 * space to physical volumes and partitions, keeping LVM metadata in a pool reserved up front.
 * @module
 */
import { BOOT_RECORDS_SIZE, BOOT_SIZE, LVM_META_SIZE } from './sizes.js'
import type { AgentDisk, DiskSpace, DiskVolume, LvmMetaPool, NodeSpace, PartitionVolume } from './types.js'
import { bytesToMb } from './units.js'

export interface DiskOptions {
  /** With several disks `/boot` is a RAID 1 member on each, so the node boots from any of them. */
  bootIsRaid: boolean
  /** The node's volume groups: each may need a physical volume (and its metadata) on this disk. */
  volumeGroupCount: number
  bootable: boolean
}

export class DiskBuilder {
  readonly size: number
  readonly volumes: DiskVolume[] = []
  freeSpace: number
  readonly #pool: LvmMetaPool

  constructor(
    readonly disk: AgentDisk,
    readonly options: DiskOptions,
  ) {
    this.size = bytesToMb(disk.size)
    this.freeSpace = this.size
    // Service partitions come first; on a disk too small for one, it gets size 0 rather than failing,
    // and the deployment check reports the node.
    this.volumes.push({ type: 'boot', size: this.#reserve(BOOT_RECORDS_SIZE) })
    this.volumes.push(bootPartition(options.bootIsRaid, this.#reserve(BOOT_SIZE)))
    this.#pool = { type: 'lvm_meta_pool', size: this.#reserve(LVM_META_SIZE * options.volumeGroupCount) }
    this.volumes.push(this.#pool)
  }

  /** Places `space` on this disk with `size` MB (all the free space when omitted). */
  allocate(space: NodeSpace, size: number = this.freeSpace): void {
    this.freeSpace -= size
    if (space.type === 'vg') {
      const meta = size > 0 ? this.#takeLvmMeta() : 0
      this.volumes.push({ type: 'pv', vg: space.id, size: size + meta, lvm_meta_size: meta })
    } else {
      this.volumes.push(dataPartition(space, size))
    }
  }

  /** True when a volume other than the service partitions already holds space here. */
  hasDataVolume(): boolean {
    return this.volumes.some((v) => (v.type === 'pv' || isDataPartition(v)) && v.size > 0)
  }

  render(): DiskSpace {
    return {
      id: this.disk.disk ?? this.disk.name,
      type: 'disk',
      name: this.disk.name,
      size: this.size,
      extra: this.disk.extra ?? [],
      bootable: this.options.bootable,
      free_space: this.freeSpace,
      volumes: this.volumes,
    }
  }

  #reserve(size: number): number {
    const granted = this.freeSpace >= size ? size : 0
    this.freeSpace -= granted
    return granted
  }

  #takeLvmMeta(): number {
    if (this.#pool.size < LVM_META_SIZE) return 0
    this.#pool.size -= LVM_META_SIZE
    return LVM_META_SIZE
  }
}

function bootPartition(raid: boolean, size: number): PartitionVolume {
  return { type: raid ? 'raid' : 'partition', name: 'Boot', mount: '/boot', file_system: 'ext2', size }
}

function dataPartition(space: NodeSpace, size: number): PartitionVolume {
  const partition: PartitionVolume = {
    type: space.type === 'raid' ? 'raid' : 'partition',
    name: space.id,
    size,
    mount: space.mount ?? 'none',
    file_system: space.file_system ?? 'none',
  }
  if (space.disk_label !== undefined) partition.disk_label = space.disk_label
  if (space.partition_guid !== undefined) partition.partition_guid = space.partition_guid
  return partition
}

/** A partition or RAID member holding data (not `/boot`). */
export function isDataPartition(volume: DiskVolume): volume is PartitionVolume {
  return (volume.type === 'partition' || volume.type === 'raid') && volume.mount !== '/boot'
}
