/**
 * LIMIT/OFFSET/ORDER BY for collection queries, the same on both databases.
 */
import { type SelectQueryBuilder, sql } from 'kysely'
import type { OrderTerm } from '../http/pagination.js'

export interface Page<F extends string> {
  limit?: number
  offset?: number
  order?: OrderTerm<F>[]
}

// A limit no table reaches: SQLite accepts OFFSET only after a LIMIT.
const NO_LIMIT = 2_147_483_647

/**
 * Applies the requested order (then `id`, so ties in the sort key never make pages overlap),
 * limit and offset. `column` maps an API field name to its column when they differ.
 */
export function applyPage<DB, TB extends keyof DB, O, F extends string>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: Page<F> | undefined,
  column: (field: F) => string = (field) => field,
): SelectQueryBuilder<DB, TB, O> {
  let q = query
  for (const term of page?.order ?? []) q = q.orderBy(sql.ref(column(term.field)), term.direction)
  q = q.orderBy(sql.ref('id'), 'asc')
  if (page?.limit !== undefined || page?.offset) q = q.limit(page.limit ?? NO_LIMIT)
  if (page?.offset) q = q.offset(page.offset)
  return q
}
