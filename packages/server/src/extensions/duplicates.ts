/**
 * Rules across extensions: a name belongs to one extension only (Nailgun's `get_extension` took
 * whichever came first), and a URI to one extension only (web.py's global handler namespace let
 * the last one win). Both sides of a clash fail: which one was meant cannot be guessed.
 * @module
 */
import { describeOrigin, loadError } from './load-errors.js'
import type { LoadReport } from './load-report.js'
import type { InstalledExtension } from './types.js'
import { uriKey } from './url-patterns.js'

export function checkUniqueNames(list: InstalledExtension[], report: LoadReport): InstalledExtension[] {
  const byName = new Map<string, InstalledExtension[]>()
  for (const item of list) byName.set(item.extension.name, [...(byName.get(item.extension.name) ?? []), item])
  return list.filter((item) => {
    const same = byName.get(item.extension.name) ?? []
    if (same.length === 1) return true
    const others = same.filter((other) => other !== item).map((other) => describeOrigin(other.origin))
    const cause = `name '${item.extension.name}' is also used by ${others.join(', ')}`
    report.fail(
      item.origin,
      loadError(item.origin, 'unique-name', cause, { name: item.extension.name }),
      item.extension,
    )
    return false
  })
}

export function checkUniqueUris(list: InstalledExtension[], report: LoadReport): InstalledExtension[] {
  const claims = new Map<string, InstalledExtension[]>()
  for (const item of list) {
    for (const key of new Set(item.routes.map(uriKey))) claims.set(key, [...(claims.get(key) ?? []), item])
  }
  return list.filter((item) => {
    for (const route of item.routes) {
      const owners = claims.get(uriKey(route)) ?? []
      if (owners.length === 1) continue
      const names = owners.map((o) => `'${o.extension.name}'`).join(' and ')
      const cause = `uri '${route.uri}' is claimed by ${names}`
      report.fail(item.origin, loadError(item.origin, 'unique-uri', cause, { uri: route.uri }), item.extension)
      return false
    }
    return true
  })
}
