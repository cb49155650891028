/**
 * The checks an extension must pass before the server serves anything, one small function per
 * rule. Nailgun checked none of them (a bad name or a duplicate silently misbehaved); here each
 * failure stops start-up, or with `skipBrokenExtensions` marks the extension failed.
 * @module
 */
import { type BaseExtension, SDK_VERSION } from '@nailgun/extensions'
import semver from 'semver'
import { loadError } from './load-errors.js'
import { type ResolvedPipeline, resolvePipeline } from './pipeline-specs.js'
import type { ExtensionOrigin } from './types.js'
import { compileRoute, type ExtensionRoute } from './url-patterns.js'
import { checkHooks } from './validate-hooks.js'

export const NAME_PATTERN = /^[a-z0-9_]+$/
export const NAME_MAX_LENGTH = 64

export interface ValidExtension {
  pipelines: ResolvedPipeline[]
  routes: ExtensionRoute[]
}

/** Runs every per-extension rule; throws the first failure as a coded load error. */
export function validateExtension(extension: BaseExtension, origin: ExtensionOrigin): ValidExtension {
  checkName(extension, origin)
  checkVersion(extension, origin)
  checkDescription(extension, origin)
  checkSdkRange(origin)
  checkOrderFields(extension, origin)
  checkHooks(extension, origin)
  return { pipelines: checkPipelines(extension, origin), routes: checkUrls(extension, origin) }
}

export function checkName({ name }: BaseExtension, origin: ExtensionOrigin): void {
  if (typeof name === 'string' && NAME_PATTERN.test(name) && name.length <= NAME_MAX_LENGTH) return
  const cause = `name '${String(name)}' must consist of lowercase letters, digits and '_' (at most ${NAME_MAX_LENGTH} characters)`
  throw loadError(origin, 'name', cause)
}

export function checkVersion({ version }: BaseExtension, origin: ExtensionOrigin): void {
  if (typeof version === 'string' && semver.valid(version) === version) return
  throw loadError(origin, 'version', `version '${String(version)}' is not a semantic version (https://semver.org)`)
}

export function checkDescription({ description }: BaseExtension, origin: ExtensionOrigin): void {
  if (typeof description === 'string' && description.trim() !== '') return
  throw loadError(origin, 'description', 'description must be a non-empty string')
}

/** Packages must say which SDK they were written against; code handed over directly has no package. */
export function checkSdkRange(origin: ExtensionOrigin): void {
  if (origin.packageDir === null) return
  const range = origin.sdkRange
  if (range === null) {
    throw loadError(origin, 'sdk-range', `package.json declares no peerDependencies['@nailgun/extensions'] range`)
  }
  if (semver.validRange(range) === null) {
    throw loadError(origin, 'sdk-range', `peerDependencies['@nailgun/extensions'] '${range}' is not a valid range`)
  }
  if (!semver.satisfies(SDK_VERSION, range, { includePrerelease: true })) {
    const cause = `requires @nailgun/extensions ${range}, but this server provides ${SDK_VERSION}`
    throw loadError(origin, 'sdk-range', cause, { range, sdkVersion: SDK_VERSION })
  }
}

export function checkOrderFields(extension: BaseExtension, origin: ExtensionOrigin): void {
  for (const field of ['requires', 'after', 'before', 'provides'] as const) {
    const value: unknown = extension[field]
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw loadError(origin, field, `${field} must be a list of extension names`)
    }
  }
  const { timeoutMs } = extension
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
    throw loadError(origin, 'timeout', `timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}`)
  }
}

export function checkPipelines(extension: BaseExtension, origin: ExtensionOrigin): ResolvedPipeline[] {
  const specs: unknown = extension.dataPipelines
  if (!Array.isArray(specs)) throw loadError(origin, 'pipelines', 'dataPipelines must be a list of pipelines')
  return specs.map((spec, index) => {
    try {
      return resolvePipeline(spec, index)
    } catch (error) {
      throw loadError(origin, 'pipelines', (error as Error).message)
    }
  })
}

export function checkUrls(extension: BaseExtension, origin: ExtensionOrigin): ExtensionRoute[] {
  const specs: unknown = extension.urls
  if (!Array.isArray(specs)) throw loadError(origin, 'urls', 'urls must be a list of {uri, handler}')
  return specs.map((spec, index) => {
    try {
      return compileRoute(spec, index, extension.name)
    } catch (error) {
      throw loadError(origin, 'urls', (error as Error).message)
    }
  })
}
