/** Environment listing with filters and pagination done by the database. */
import type { ClusterObject } from '@nailgun/extensions'
import type { Kysely, SelectQueryBuilder } from 'kysely'
import { applyPage } from '../../db/paging.js'
import type { Database } from '../../db/schema.js'
import type { OrderTerm } from '../../http/pagination.js'
import { toClusterObject } from './cluster-repo.js'

type Db = Kysely<Database>

export interface ClusterFilter {
  status?: string
  releaseId?: number
}

export const CLUSTER_ORDER_FIELDS = ['id', 'name', 'status', 'mode', 'release_id', 'net_provider'] as const
export type ClusterOrderField = (typeof CLUSTER_ORDER_FIELDS)[number]

export interface ClusterPage {
  limit?: number
  offset?: number
  order?: OrderTerm<ClusterOrderField>[]
}

type ClusterQuery = SelectQueryBuilder<Database, 'clusters', object>

function applyFilter(query: ClusterQuery, filter: ClusterFilter): ClusterQuery {
  let q = query
  if (filter.status) q = q.where('status', '=', filter.status)
  if (filter.releaseId) q = q.where('release_id', '=', filter.releaseId)
  return q
}

export async function listClusters(
  db: Db,
  filter: ClusterFilter = {},
  page: ClusterPage = {},
): Promise<ClusterObject[]> {
  const query = applyPage(applyFilter(db.selectFrom('clusters'), filter).selectAll(), page)
  return (await query.execute()).map(toClusterObject)
}

export async function countClusters(db: Db, filter: ClusterFilter = {}): Promise<number> {
  const row = await applyFilter(db.selectFrom('clusters'), filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
