/** Schemas shared by many routes. */
import { Type } from 'typebox'
import { errors } from '../errors.js'

/** `<obj_id>` path parameter: a positive integer (anything else is 404-like 400). */
export const IdParams = Type.Object({ obj_id: Type.Integer({ minimum: 1, maximum: 2147483647 }) })

/** `<cluster_id>` path parameter. */
export const ClusterIdParams = Type.Object({ cluster_id: Type.Integer({ minimum: 1, maximum: 2147483647 }) })

/** `<node_id>` path parameter. */
export const NodeIdParams = Type.Object({ node_id: Type.Integer({ minimum: 1, maximum: 2147483647 }) })

/** The error body every failure answers with. */
export const ErrorBody = Type.Object({ message: Type.String(), errors: Type.Array(Type.Unknown()) })

/** Parses a comma-separated list of ids (`?ids=1,2,3`); undefined when absent, 400 when malformed. */
export function parseIdList(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
  if (!parts.every((p) => /^\d+$/.test(p))) throw errors.invalidIdsList()
  return parts.map(Number)
}
