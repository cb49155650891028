/**
 * Ceph placement-group counts per pool (Nailgun's `get_pool_pg_count`, Ceph "firefly" profile):
 * about 200 PG copies per OSD, split between the pools in use by weight (volumes 16, compute 8,
 * backups 4, .rgw 4, images 1), each rounded up to a power of two and never below 64.
 */
import type { JsonObject } from '@nailgun/extensions'

const PG_COPIES_PER_OSD = 200
const MIN_PG_PER_POOL = 64
/** RadosGW's small pools in firefly. */
const SMALL_RGW_POOLS = 4
const POOLS = { volumes: 16, backups: 4, '.rgw': 4, compute: 8, images: 1 } as const
type Pool = keyof typeof POOLS

export interface CephUsage {
  volumes: boolean
  objects: boolean
  ephemeral: boolean
  images: boolean
}

/** The next power of two at or above `value` (tolerating float noise); 0 below 0.01. */
export function upperPowerOfTwo(value: number, threshold = 1e-2): number {
  if (value < threshold) return 0
  const log = Math.log2(value)
  return 2 ** (Math.floor(log) + (log % 1 > threshold ? 1 : 0))
}

function usedPools(usage: CephUsage): Pool[] {
  const pools: Pool[] = []
  if (usage.volumes) pools.push('volumes', 'backups')
  if (usage.objects) pools.push('.rgw')
  if (usage.ephemeral) pools.push('compute')
  if (usage.images) pools.push('images')
  return pools
}

function uniform(count: number): JsonObject {
  const out: JsonObject = {}
  for (const pool of Object.keys(POOLS)) out[pool] = count
  out.default_pg_num = count
  return out
}

/** `{default_pg_num, volumes, compute, backups, .rgw, images}` for `osds` OSDs and replica count `poolSize`. */
export function poolPgCounts(osds: number, poolSize: number, usage: CephUsage): JsonObject {
  // Without OSDs (or without any Ceph pool) Nailgun falls back to the pre-7.0 uniform value.
  const legacy = osds === 0 ? 128 : 2 ** Math.ceil(Math.log2((osds * 100) / poolSize))
  const pools = usedPools(usage)
  const smallPools = usage.objects ? SMALL_RGW_POOLS : 0
  if (osds === 0 || pools.length === 0) return uniform(legacy)
  const total = (PG_COPIES_PER_OSD / poolSize) * osds
  const weight = pools.reduce((sum, pool) => sum + POOLS[pool], 0)
  const defaultCount = Math.max(MIN_PG_PER_POOL, upperPowerOfTwo(osds / poolSize))
  const perWeight = Math.max(0, (total - defaultCount * smallPools) / weight)
  const out: JsonObject = { default_pg_num: defaultCount }
  for (const pool of pools) out[pool] = Math.max(upperPowerOfTwo(POOLS[pool] * perWeight), defaultCount)
  for (const pool of Object.keys(POOLS)) if (!(pool in out)) out[pool] = defaultCount
  return out
}
