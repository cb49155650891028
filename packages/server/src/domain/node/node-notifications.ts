/**
 * The notifications the node slice files: "New node is discovered" on registration and "is back
 * online" when an offline node checks in. A two-line insert kept here so the hot agent path does
 * not depend on the notifications slice.
 */
import type { NodeMeta } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

type Db = Kysely<Database>

export async function notifyNode(db: Db, nodeId: number, message: string): Promise<void> {
  await db
    .insertInto('notifications')
    .values({ node_id: nodeId, topic: 'discover', message, status: 'unread', datetime: new Date().toISOString() })
    .execute()
}

/** Python's `str(float)`: whole numbers keep one decimal ("8.0"), others the shortest form. */
function pyFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value)
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}

function ramText(meta: NodeMeta): string {
  const total = meta.memory?.total
  return typeof total === 'number' ? `${pyFloat(round1(total / 1073741824))} GB RAM` : 'unknown RAM'
}

/** Disk vendors count in powers of 1000; above 100 GB Nailgun switches to TB. */
function diskText(meta: NodeMeta): string {
  const disks = meta.disks
  if (!Array.isArray(disks) || disks.some((d) => typeof d?.size !== 'number')) return 'unknown HDD'
  const gb = round1(disks.reduce((sum, d) => sum + d.size, 0) / 1e9)
  return gb > 100 ? `${pyFloat(gb / 1000)} TB HDD` : `${pyFloat(gb)} GB HDD`
}

/** Nailgun's exact text (trailing space included): the UI shows it verbatim. */
export function discoverMessage(meta: NodeMeta): string {
  const cores = typeof meta.cpu?.total === 'number' ? String(meta.cpu.total) : 'unknown'
  return `New node is discovered: ${cores} CPUs / ${ramText(meta)} / ${diskText(meta)} `
}

export function backOnlineMessage(name: string): string {
  return `Node '${name}' is back online`
}
