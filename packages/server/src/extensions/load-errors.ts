/**
 * The one shape of a load failure: a coded error whose message names the package, the entry and
 * the cause, and whose `errors` detail says which rule failed (for tools and tests).
 * @module
 */
import type { NailgunError } from '@nailgun/extensions'
import { errors } from '../errors.js'
import type { ExtensionOrigin } from './types.js'

export function describeOrigin(origin: ExtensionOrigin): string {
  return `Extension ${origin.entry} of package ${origin.packageName}`
}

export function loadError(origin: ExtensionOrigin, rule: string, cause: string, extra: object = {}): NailgunError {
  return errors.extensionLoad(`${describeOrigin(origin)}: ${cause}`, {
    errors: [{ package: origin.packageName, entry: origin.entry, rule, cause, ...extra }],
  })
}

/** The message of any error, for a load report. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
