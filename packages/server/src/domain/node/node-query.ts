/**
 * Node listing with filters and pagination done by the database (LIMIT/OFFSET and a COUNT), so a
 * page of an installation with thousands of nodes reads one page of rows.
 */
import type { NodeObject, NodeStatus } from '@nailgun/extensions'
import type { Kysely, SelectQueryBuilder } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { OrderTerm } from '../../http/pagination.js'
import { toNodeObject } from './node-mapper.js'

type Db = Kysely<Database>

export interface NodeListFilter {
  /** A number: that environment; null: unassigned nodes; undefined: all. */
  clusterId?: number | null
  ids?: readonly number[]
  status?: NodeStatus
}

/** Fields `order_by` accepts; each is a column of the same name except `cluster`. */
export const NODE_ORDER_FIELDS = [
  'id',
  'name',
  'status',
  'mac',
  'ip',
  'hostname',
  'cluster',
  'cluster_id',
  'group_id',
  'online',
  'progress',
  'manufacturer',
  'platform_name',
  'os_platform',
  'pending_addition',
  'pending_deletion',
] as const
export type NodeOrderField = (typeof NODE_ORDER_FIELDS)[number]

export interface NodePageRequest {
  limit?: number
  offset?: number
  order: OrderTerm<NodeOrderField>[]
}

const NO_LIMIT = 2_147_483_647

type NodeQuery = SelectQueryBuilder<Database, 'nodes', object>

function applyFilter(query: NodeQuery, filter: NodeListFilter): NodeQuery {
  let q = query
  if (filter.clusterId === null) q = q.where('cluster_id', 'is', null)
  else if (filter.clusterId !== undefined) q = q.where('cluster_id', '=', filter.clusterId)
  if (filter.ids) q = filter.ids.length === 0 ? q.where((eb) => eb.lit(false)) : q.where('id', 'in', [...filter.ids])
  if (filter.status) q = q.where('status', '=', filter.status)
  return q
}

export async function countNodes(db: Db, filter: NodeListFilter): Promise<number> {
  const row = await applyFilter(db.selectFrom('nodes'), filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function listNodes(db: Db, filter: NodeListFilter, page?: NodePageRequest): Promise<NodeObject[]> {
  let query = applyFilter(db.selectFrom('nodes'), filter).selectAll()
  for (const term of page?.order ?? []) {
    const column = term.field === 'cluster' ? 'cluster_id' : term.field
    query = query.orderBy(column, term.direction)
  }
  // id last: a stable order keeps pages from overlapping when the sort key has ties.
  query = query.orderBy('id', 'asc')
  // SQLite accepts OFFSET only after a LIMIT; a limit no table reaches works on both databases.
  if (page?.limit !== undefined || page?.offset) query = query.limit(page.limit ?? NO_LIMIT)
  if (page?.offset) query = query.offset(page.offset)
  return (await query.execute()).map(toNodeObject)
}
