/** Size conversions. Nailgun counts in MiB and truncates, so a 1004886016-byte disk is 958 MB. */

const MIB = 1024 * 1024

export function bytesToMb(bytes: number): number {
  return Math.floor(bytes / MIB)
}

export function mbToBytes(mb: number): number {
  return mb * MIB
}

export function gbToMb(gb: number): number {
  return Math.trunc(gb * 1024)
}
