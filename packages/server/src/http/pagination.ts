/**
 * Collection pagination as Nailgun does it: `limit`, `offset`, `order_by` (comma-separated,
 * `-` for descending) and a `Content-Range: objects a-b/total` header.
 */
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { errors } from '../errors.js'

/** Bounded: `1e999` coerces to Infinity, which JSON Schema's `integer` accepts and SQL does not. */
const MAX_PAGE = 2147483647

export const PaginationQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PAGE })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_PAGE })),
  order_by: Type.Optional(Type.String({ maxLength: 200 })),
}

export interface PageRequest {
  limit?: number
  offset?: number
  order_by?: string
}

export interface OrderTerm<F extends string> {
  field: F
  direction: 'asc' | 'desc'
}

/** Parses `order_by`, accepting only the given fields. */
export function parseOrderBy<F extends string>(value: string | undefined, allowed: readonly F[]): OrderTerm<F>[] {
  if (!value) return []
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const direction = part.startsWith('-') ? 'desc' : 'asc'
      const field = part.replace(/^[-+]/, '')
      if (!(allowed as readonly string[]).includes(field)) {
        throw errors.validation(`Cannot order by '${field}': allowed are ${allowed.join(', ')}`)
      }
      return { field: field as F, direction }
    })
}

/** Slices an in-memory list and sets the Content-Range header; 416 when the offset is past the end. */
export function paginate<T>(items: T[], page: PageRequest, reply: FastifyReply): T[] {
  const total = items.length
  const offset = page.offset ?? 0
  if (offset > 0 && offset >= total) {
    throw errors.rangeNotSatisfiable(`Offset ${offset} is beyond the ${total} objects`)
  }
  const end = page.limit === undefined ? total : Math.min(total, offset + page.limit)
  const slice = items.slice(offset, end)
  setContentRange(reply, offset, slice.length, total)
  return slice
}

export function setContentRange(reply: FastifyReply, offset: number, count: number, total: number): void {
  const range = count === 0 ? `objects 0-0/${total}` : `objects ${offset + 1}-${offset + count}/${total}`
  void reply.header('Content-Range', range)
}
