/**
 * No unknown hook-like member on an extension (instance fields, prototype chain, or static
 * members, the seed's classmethods): a misspelt or Python-named handler would never run.
 * @module
 */
import { BaseExtension, EVENT_NAMES } from '@nailgun/extensions'
import { BASE_EXTENSION_MEMBERS, isHookLike, unknownHookMessage } from './hook-names.js'
import { loadError } from './load-errors.js'
import { memberNames, readMember, staticNames } from './members.js'
import type { ExtensionOrigin } from './types.js'

export function checkHooks(extension: BaseExtension, origin: ExtensionOrigin): void {
  const known = new Set<string>([...BASE_EXTENSION_MEMBERS, ...EVENT_NAMES, ...(extension.provides ?? [])])
  const owner = `extension '${extension.name}'`
  const names = new Set([
    ...memberNames(extension, [BaseExtension.prototype, Object.prototype]),
    ...staticNames(extension.constructor, [BaseExtension]),
  ])
  for (const name of names) {
    if (isHookLike(name, known))
      throw loadError(origin, 'hooks', unknownHookMessage(name, 'extension', owner), { hook: name })
  }
  for (const event of EVENT_NAMES) {
    const value = readMember(extension, event) ?? readMember(extension.constructor, event)
    if (value !== undefined && typeof value !== 'function') {
      throw loadError(origin, 'hooks', `${owner}: '${event}' must be a function`, { hook: event })
    }
  }
}
