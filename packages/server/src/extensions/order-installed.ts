/**
 * Applies order.ts to the loaded extensions. When broken extensions are skipped, the ones at fault
 * (a missing requirement, a cycle) are dropped and the rest ordered again, so one bad package does
 * not take the others down; dropping one may strand those that require it, which go too.
 * @module
 */
import { NailgunError } from '@nailgun/extensions'
import { loadError, messageOf } from './load-errors.js'
import type { LoadReport } from './load-report.js'
import { orderExtensions } from './order.js'
import type { InstalledExtension } from './types.js'

export function orderInstalled(list: InstalledExtension[], report: LoadReport): InstalledExtension[] {
  let remaining = list
  for (;;) {
    try {
      const order = orderExtensions(remaining.map(({ extension: e }) => ({ ...pick(e), name: e.name })))
      return order.map(({ name }) => remaining.find((item) => item.extension.name === name) as InstalledExtension)
    } catch (error) {
      const atFault = faulty(error)
      if (atFault.length === 0) throw error
      for (const item of remaining.filter((i) => atFault.includes(i.extension.name))) {
        const detail = (error as NailgunError).errors[0] as object
        report.fail(item.origin, loadError(item.origin, 'order', messageOf(error), detail), item.extension)
      }
      remaining = remaining.filter((i) => !atFault.includes(i.extension.name))
    }
  }
}

function pick(e: InstalledExtension['extension']) {
  return { requires: e.requires, after: e.after, before: e.before }
}

function faulty(error: unknown): string[] {
  if (!(error instanceof NailgunError)) return []
  const detail = error.errors[0] as { extensions?: string[] } | undefined
  return detail?.extensions ?? []
}
