/**
 * Node listing with filters and pagination done by the database (LIMIT/OFFSET and a COUNT), so a
 * page of an installation with thousands of nodes reads one page of rows.
 */
import type { NodeObject, NodeStatus } from '@nailgun/extensions'
import type { Kysely, SelectQueryBuilder } from 'kysely'
import { applyPage } from '../../db/paging.js'
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
  return (await listNodeRows(db, filter, page)).map((row) => toNodeObject(row))
}

export async function listNodeRows(db: Db, filter: NodeListFilter, page?: NodePageRequest) {
  const columnOf = (field: NodeOrderField) => (field === 'cluster' ? 'cluster_id' : field)
  return applyPage(applyFilter(db.selectFrom('nodes'), filter).selectAll(), page, columnOf).execute()
}
