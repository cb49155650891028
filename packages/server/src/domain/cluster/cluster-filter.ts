/** The `?cluster_id=` filter several collections take (tasks, node groups, notifications). */
import { errors } from '../../errors.js'

/**
 * A number selects that environment; empty, `null` or `None` selects objects of no environment
 * (Nailgun's `get_by_cluster_id('')`); absent means no filter. Anything else is a 400.
 */
export function parseClusterIdFilter(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (text === '' || /^(null|none)$/i.test(text)) return null
  if (!/^\d{1,10}$/.test(text) || Number(text) > 2147483647) {
    throw errors.validation('querystring/cluster_id: must be an environment id or empty')
  }
  return Number(text)
}
