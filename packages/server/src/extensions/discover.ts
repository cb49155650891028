/**
 * Discovery: the packages installed under `<root>/node_modules` (and `@scope/*`) whose package.json
 * declares `"nailgun": {"extensions": {"<Entry>": "<module path>#<export>"}}`, the TypeScript
 * counterpart of the seed's `nailgun.extensions` setuptools entry points. Workspaces and `file:`
 * installs are symlinks, so links are followed and every path is resolved to its real location.
 * @module
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { errors } from '../errors.js'
import type { ManifestEntry } from './types.js'

interface PackageJson {
  name?: unknown
  nailgun?: { extensions?: unknown }
  peerDependencies?: Record<string, unknown>
}

/** Real paths of every package directory under `<root>/node_modules`, sorted, without duplicates. */
export async function findPackageDirs(root: string): Promise<string[]> {
  const modules = path.join(root, 'node_modules')
  const found = new Set<string>()
  for (const name of await listDir(modules)) {
    if (name.startsWith('.')) continue
    const candidates = name.startsWith('@')
      ? (await listDir(path.join(modules, name))).map((child) => path.join(modules, name, child))
      : [path.join(modules, name)]
    for (const candidate of candidates) {
      const real = await realDirectory(candidate)
      if (real) found.add(real)
    }
  }
  return [...found].sort()
}

/**
 * The `nailgun.extensions` entries of one package directory. A package without the field is not an
 * extension: `[]`, or an error when the directory was named explicitly (`required`).
 */
export async function readPackageEntries(dir: string, required: boolean): Promise<ManifestEntry[]> {
  const real = await realDirectory(dir)
  if (!real) throw errors.extensionLoad(`Extension package directory '${dir}' does not exist`)
  const manifest = required ? await readPackageJson(real) : await readPackageJson(real).catch(() => undefined)
  // A package that is not an extension is none of our business, even with a broken package.json.
  if (manifest?.nailgun?.extensions !== undefined) return manifestEntries(real, manifest)
  if (!required) return []
  throw errors.extensionLoad(
    `Package '${String(manifest?.name ?? real)}' declares no "nailgun.extensions" in package.json`,
  )
}

function manifestEntries(dir: string, manifest: PackageJson): ManifestEntry[] {
  const packageName = typeof manifest.name === 'string' ? manifest.name : path.basename(dir)
  const declared = manifest.nailgun?.extensions
  const fail = (entry: string, cause: string) =>
    errors.extensionLoad(`Extension ${entry} of package ${packageName}: ${cause}`, {
      errors: [{ package: packageName, entry, rule: 'manifest', cause }],
    })
  if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) {
    throw fail('(manifest)', '"nailgun.extensions" must map entry names to "<module path>#<export name>"')
  }
  const sdk = manifest.peerDependencies?.['@nailgun/extensions']
  return Object.entries(declared).map(([entry, target]) => {
    if (typeof target !== 'string' || target.trim() === '')
      throw fail(entry, 'the entry must be "<module path>#<export name>"')
    const [file = '', exportName] = target.split('#')
    return {
      packageName,
      entry,
      packageDir: dir,
      modulePath: path.resolve(dir, file),
      exportName: exportName || 'default',
      sdkRange: typeof sdk === 'string' ? sdk : null,
    }
  })
}

async function readPackageJson(dir: string): Promise<PackageJson> {
  const file = path.join(dir, 'package.json')
  try {
    return JSON.parse(await readFile(file, 'utf8')) as PackageJson
  } catch (error) {
    throw errors.extensionLoad(`Cannot read ${file}: ${(error as Error).message}`, { cause: error })
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort()
  } catch {
    return []
  }
}

/** The real path of a directory (following links), or undefined when it is not one. */
async function realDirectory(candidate: string): Promise<string | undefined> {
  try {
    return (await stat(candidate)).isDirectory() ? await realpath(candidate) : undefined
  } catch {
    return undefined
  }
}
