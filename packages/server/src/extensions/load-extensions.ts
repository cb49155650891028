/**
 * Finds, imports, validates and orders the extensions before the server serves anything:
 * discovery under `<extensionsRoot>/node_modules`, plus sources handed over in code (tests).
 * @module
 */
import type { BaseExtension } from '@nailgun/extensions'
import type { Config } from '../config.js'
import { findPackageDirs, readPackageEntries } from './discover.js'
import { checkUniqueNames, checkUniqueUris } from './duplicates.js'
import { givenOrigin, importEntry, toExtension } from './import-entry.js'
import { loadError, messageOf } from './load-errors.js'
import { LoadReport } from './load-report.js'
import type { HostLogger } from './logger.js'
import { orderInstalled } from './order-installed.js'
import type { ExtensionOrigin, ExtensionSource, InstalledExtension, LoadedExtensions, ManifestEntry } from './types.js'
import { validateExtension } from './validate.js'

export interface LoadOptions {
  /** Scan `<extensionsRoot>/node_modules` (default true; the test kit turns it off). */
  discover?: boolean
  /** More extensions: package directories, extension classes or instances. */
  sources?: readonly ExtensionSource[]
}

interface Candidate {
  extension: BaseExtension
  origin: ExtensionOrigin
}

export async function loadExtensions(
  config: Pick<Config, 'extensionsRoot' | 'skipBrokenExtensions'>,
  log: HostLogger,
  options: LoadOptions = {},
): Promise<LoadedExtensions> {
  const report = new LoadReport(config.skipBrokenExtensions, log)
  const candidates = await collect(config.extensionsRoot, options, report)
  const valid = candidates.flatMap((candidate) => validated(candidate, report))
  const installed = orderInstalled(checkUniqueUris(checkUniqueNames(valid, report), report), report)
  for (const { extension, origin } of installed) {
    log.info({ extension: extension.name, package: origin.packageName }, `Extension ${extension.fullName()} loaded`)
  }
  return { installed, failed: report.failed }
}

async function collect(root: string, options: LoadOptions, report: LoadReport): Promise<Candidate[]> {
  const packages: Array<{ dir: string; required: boolean }> = []
  const candidates: Candidate[] = []
  if (options.discover !== false) for (const dir of await findPackageDirs(root)) packages.push({ dir, required: false })
  for (const source of options.sources ?? []) {
    if (typeof source === 'string') packages.push({ dir: source, required: true })
    else addGiven(source, candidates, report)
  }
  const entries: ManifestEntry[] = []
  for (const { dir, required } of packages) {
    try {
      entries.push(...(await readPackageEntries(dir, required)))
    } catch (error) {
      report.fail(packageOrigin(dir), error)
    }
  }
  for (const entry of entries) {
    try {
      candidates.push({ extension: await importEntry(entry), origin: entry })
    } catch (error) {
      report.fail(entry, loadError(entry, 'import', messageOf(error)))
    }
  }
  return candidates
}

function addGiven(source: Exclude<ExtensionSource, string>, candidates: Candidate[], report: LoadReport): void {
  try {
    const extension = toExtension(source)
    candidates.push({ extension, origin: givenOrigin(extension) })
  } catch (error) {
    const origin = givenOrigin(source)
    report.fail(origin, loadError(origin, 'import', messageOf(error)))
  }
}

function validated(candidate: Candidate, report: LoadReport): InstalledExtension[] {
  try {
    return [{ ...candidate, ...validateExtension(candidate.extension, candidate.origin) }]
  } catch (error) {
    report.fail(candidate.origin, error, candidate.extension)
    return []
  }
}

function packageOrigin(dir: string): ExtensionOrigin {
  return { packageName: dir, entry: '(manifest)', packageDir: dir, modulePath: null, sdkRange: null }
}
