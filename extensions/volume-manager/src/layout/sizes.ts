/**
 * The sizes Nailgun's volume manager works with, and the generators a release's
 * `volumes_metadata` refers to by name (`{"generator": "calc_min_os_size"}`).
 * @module
 */
import { gbToMb } from './units.js'

/** Partition table, BIOS boot and EFI records at the start of every disk. */
export const BOOT_RECORDS_SIZE = 300
/** The `/boot` partition of every disk (mirrored as RAID 1 when the node has several disks). */
export const BOOT_SIZE = 200
/** LVM metadata each physical volume needs. */
export const LVM_META_SIZE = 64

/** What a generator may look at while a layout is being built. */
export interface SizeContext {
  /** Size of the node's first disk (by name), in MB. */
  firstDiskMb: number
  /** Total RAM in bytes; 0 when unknown. */
  ramBytes: number
  /** Usable MB of a volume group so far: its physical volumes without LVM metadata. */
  vgSize(vg: string): number
}

/** The volume group a size is being resolved for: generators without arguments default to it. */
export interface SizeScope {
  vg?: string
}

type Generator = (ctx: SizeContext, scope: SizeScope, args: Array<string | number>) => number

/** Root gets 20% of the first disk, but never under 15 GB (a usable OS) nor over 50 GB (waste). */
export function rootSize(ctx: SizeContext): number {
  const share = Math.trunc(ctx.firstDiskMb * 0.2)
  return Math.min(Math.max(share, gbToMb(15)), gbToMb(50))
}

/** Swap follows the Red Hat sizing table Nailgun adopted: more RAM needs proportionally less swap. */
export function swapSize(ctx: SizeContext): number {
  const ramMb = Math.trunc(ctx.ramBytes / (1024 * 1024))
  if (ramMb <= 2048) return 2 * ramMb
  if (ramMb <= 8192) return ramMb
  if (ramMb <= 65536) return Math.trunc(ramMb / 2)
  return gbToMb(4)
}

const osSize: Generator = (ctx) => rootSize(ctx) + swapSize(ctx)
const fixed =
  (mb: number): Generator =>
  () =>
    mb
const vgOf = (scope: SizeScope, args: Array<string | number>) => String(args[0] ?? scope.vg ?? '')

const GENERATORS: Readonly<Record<string, Generator>> = Object.freeze({
  calc_root_size: (ctx) => rootSize(ctx),
  calc_swap_size: (ctx) => swapSize(ctx),
  calc_os_size: osSize,
  calc_os_vg_size: osSize,
  calc_min_os_size: osSize,
  calc_boot_size: fixed(BOOT_SIZE),
  calc_boot_records_size: fixed(BOOT_RECORDS_SIZE),
  calc_mbr_size: fixed(10),
  calc_lvm_meta_size: fixed(LVM_META_SIZE),
  calc_min_vm_size: fixed(gbToMb(5)),
  calc_min_glance_size: fixed(gbToMb(5)),
  calc_min_cinder_size: fixed(gbToMb(1.5)),
  calc_min_mongo_size: fixed(gbToMb(10)),
  // Ceph: 2 GB of journal and 1 GB of data at the very least.
  calc_min_ceph_size: fixed(gbToMb(3)),
  calc_min_ceph_journal_size: fixed(0),
  calc_min_mysql_size: fixed(gbToMb(20)),
  calc_gb_to_mb: (_ctx, _scope, args) => gbToMb(Number(args[0] ?? 0)),
  calc_total_vg: (ctx, scope, args) => ctx.vgSize(vgOf(scope, args)),
  // Root takes what the OS volume group has left after swap; never negative, even on a disk too small
  // to hold it (the deployment check reports such nodes).
  calc_total_root_vg: (ctx, _scope, args) => Math.max(0, ctx.vgSize(String(args[0] ?? 'os')) - swapSize(ctx)),
})

/** Resolves a size expression; throws on an unknown generator, as the release is then unusable. */
export function resolveSize(expr: unknown, ctx: SizeContext, scope: SizeScope = {}): number {
  if (typeof expr === 'number') return expr
  if (typeof expr === 'object' && expr !== null && 'generator' in expr) {
    const { generator, generator_args: args = [] } = expr as { generator: string; generator_args?: unknown[] }
    const fn = GENERATORS[generator]
    if (!fn) throw new Error(`Cannot find generator ${generator}`)
    return fn(ctx, scope, args as Array<string | number>)
  }
  throw new Error(`Invalid size ${JSON.stringify(expr)}`)
}
