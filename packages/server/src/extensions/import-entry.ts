/**
 * Turns a manifest entry, a class or an instance into the extension object the host keeps: the
 * module is imported, the named export taken, and a class instantiated once.
 * @module
 */
import { pathToFileURL } from 'node:url'
import { BaseExtension } from '@nailgun/extensions'
import type { ExtensionOrigin, ManifestEntry } from './types.js'

/** Imports the entry's module and returns its extension. Throws a plain error; the loader names the entry. */
export async function importEntry(entry: ManifestEntry): Promise<BaseExtension> {
  let module: Record<string, unknown>
  try {
    module = (await import(pathToFileURL(entry.modulePath).href)) as Record<string, unknown>
  } catch (error) {
    throw new Error(`cannot import ${entry.modulePath}: ${(error as Error).message}`, { cause: error })
  }
  if (!(entry.exportName in module)) {
    throw new Error(`module ${entry.modulePath} has no export '${entry.exportName}'`)
  }
  return toExtension(module[entry.exportName])
}

/** A BaseExtension subclass is instantiated; an instance is used as is. */
export function toExtension(value: unknown): BaseExtension {
  const instance = typeof value === 'function' ? new (value as new () => unknown)() : value
  if (!isExtension(instance)) {
    throw new Error('the export is neither a BaseExtension subclass nor an instance of one')
  }
  return instance
}

/**
 * Duck-typed as well as `instanceof`: a package installed with its own copy of the SDK has its own
 * BaseExtension class, and must still load.
 */
function isExtension(value: unknown): value is BaseExtension {
  if (value instanceof BaseExtension) return true
  const candidate = value as Partial<BaseExtension> | null
  return typeof candidate?.tablePrefix === 'function' && typeof candidate.toDict === 'function'
}

/** The origin of an extension handed over in code (tests, embedding): a class or an instance. */
export function givenOrigin(source: unknown): ExtensionOrigin {
  const named = typeof source === 'function' ? source : (source as object | null)?.constructor
  return {
    packageName: '(given)',
    entry: named?.name || '(anonymous)',
    packageDir: null,
    modulePath: null,
    sdkRange: null,
  }
}
