/**
 * The records the extension host keeps about each extension, from discovery to serving.
 * @module
 */
import type { BaseExtension } from '@nailgun/extensions'
import type { ResolvedPipeline } from './pipeline-specs.js'
import type { ExtensionRoute } from './url-patterns.js'

/**
 * What a caller may hand to the loader besides discovery: a package directory (read like a
 * discovered package), an extension class (instantiated), or an extension instance.
 */
export type ExtensionSource = string | BaseExtension | (new () => BaseExtension)

/** Where an extension came from; every load error names `packageName` and `entry`. */
export interface ExtensionOrigin {
  /** `name` of the package.json, or `(given)` for an instance handed over in code. */
  packageName: string
  /** The key in `nailgun.extensions`, or the class name for an instance handed over in code. */
  entry: string
  /** Real path of the package directory, when the extension came from a package. */
  packageDir: string | null
  /** Absolute path of the module the extension was imported from, when known. */
  modulePath: string | null
  /** The `@nailgun/extensions` range the package declares as a peer dependency. */
  sdkRange: string | null
}

/** One `nailgun.extensions` entry of a package manifest, resolved on disk. */
export interface ManifestEntry extends ExtensionOrigin {
  packageDir: string
  modulePath: string
  /** The export to use; `default` when the manifest names none. */
  exportName: string
}

/** An extension that passed every check, with what the loader derived from it. */
export interface InstalledExtension {
  extension: BaseExtension
  origin: ExtensionOrigin
  pipelines: ResolvedPipeline[]
  routes: ExtensionRoute[]
}

/** An extension that could not be loaded (kept when `skipBrokenExtensions` is on). */
export interface FailedExtension {
  origin: ExtensionOrigin
  /** What the extension said about itself, when it got that far. */
  name?: string
  version?: string
  description?: string
  error: string
  code: string
}

export interface LoadedExtensions {
  /** In their deterministic order (see order.ts). */
  installed: InstalledExtension[]
  failed: FailedExtension[]
}

/** The public status of one extension (`GET /extensions`). */
export interface ExtensionStatus {
  name: string
  version: string
  description: string
  provides: string[]
  /** `degraded`: loaded, but failing repeatedly (the fault policy); cleared by `POST /extensions/<name>/reset`. */
  status: 'loaded' | 'degraded' | 'failed'
  error?: string
  /** Consecutive failures of its handlers and pipelines, when there are any. */
  failures?: number
  last_error?: string | null
  last_failed_stage?: string | null
}
