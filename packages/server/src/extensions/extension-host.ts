/**
 * The host side of the extension system as the rest of the core sees it (`ctx.extensions`): fire
 * an event inside the caller's transaction, run the data pipelines, list what is installed and
 * what failed. Loading, validation and ordering happen before this object exists.
 * @module
 */

import {
  type BaseExtension,
  CLUSTER_SCOPED_EVENTS,
  type ClusterObject,
  type EventContext,
  type EventName,
  type ExtensionContext,
  type ExtensionEventHandlers,
  type JsonObject,
  type ObjectsApi,
} from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { orderEnabled } from './enabled-order.js'
import { effectiveConfig } from './extension-config.js'
import { type FaultPolicy, skippedWhileDegraded } from './fault-policy.js'
import { guardedCall } from './guard.js'
import { extensionLogger, type HostLogger } from './logger.js'
import { readMember } from './members.js'
import { createPipelineRunner, type PipelineRunner } from './pipeline-runner.js'
import { createRouteTable, type ExtensionRouteTable } from './route-table.js'
import type { ExtensionStatus, FailedExtension, InstalledExtension, LoadedExtensions } from './types.js'

type DropLast<T extends unknown[]> = T extends [...infer Head, unknown] ? Head : never
/** The arguments of an event, without the trailing context. */
export type EventArgs<E extends EventName> = DropLast<Parameters<ExtensionEventHandlers[E]>>

export interface FireOptions {
  /** For environment-scoped events (default: the first argument): only its enabled extensions receive them. */
  cluster?: ClusterObject
  changes?: EventContext['changes']
}

export interface ExtensionHost extends PipelineRunner {
  /** Installed extensions, in their deterministic order. */
  readonly extensions: readonly BaseExtension[]
  readonly installed: readonly InstalledExtension[]
  /** Extensions that failed to load (only when `skipBrokenExtensions` is on). */
  readonly failed: readonly FailedExtension[]
  /** The REST routes extensions serve. */
  readonly routes: ExtensionRouteTable
  installedNames(): string[]
  get(name: string): InstalledExtension | undefined
  /** What an extension's code receives when the host calls it inside `trx`. */
  context(extension: string, trx: Kysely<Database>, config?: JsonObject): ExtensionContext
  /** `context()` with the extension's configuration for the environment (or the global one). */
  contextFor(extension: string, trx: Kysely<Database>, clusterId: number | null): Promise<ExtensionContext>
  /** The fault policy (consecutive failures, degraded state), when the host has a database. */
  readonly faults?: FaultPolicy
  /** `GET /extensions`: loaded ones in order, then failed ones. */
  describe(): ExtensionStatus[]
  /** Takes a loaded extension out of service (a conflict found after loading, with skipBrokenExtensions). */
  markFailed(name: string, failure: Pick<FailedExtension, 'error' | 'code'>): void
  /**
   * Calls every recipient's handler in order, awaited, inside `trx`. A critical extension's failure
   * or timeout throws ExtensionError (roll the operation back); a non-critical one is logged and skipped.
   */
  fire<E extends EventName>(trx: Kysely<Database>, event: E, args: EventArgs<E>, options?: FireOptions): Promise<void>
}

export interface ExtensionHostDeps {
  loaded: LoadedExtensions
  makeObjects: (trx: Kysely<Database>) => ObjectsApi
  log: HostLogger
  faults?: FaultPolicy
}

export function createExtensionHost(deps: ExtensionHostDeps): ExtensionHost {
  const { makeObjects, log, faults } = deps
  let installed = [...deps.loaded.installed]
  const failed = [...deps.loaded.failed]
  const host: ExtensionHost = {
    get extensions() {
      return installed.map((i) => i.extension)
    },
    get installed() {
      return installed
    },
    failed,
    routes: createRouteTable(() => installed),
    installedNames: () => installed.map((i) => i.extension.name),
    get: (name) => installed.find((i) => i.extension.name === name),
    faults,
    context: (name, trx, config = {}) => ({
      db: trx,
      objects: makeObjects(trx),
      logger: extensionLogger(log, name),
      config,
    }),
    async contextFor(name, trx, clusterId) {
      const extension = installed.find((i) => i.extension.name === name)?.extension
      const config = extension ? await effectiveConfig(trx as Kysely<unknown>, extension, clusterId) : {}
      return host.context(name, trx, config)
    },
    describe: () => [...installed.map(loadedStatus), ...failed.map(failedStatus)],
    markFailed(name, failure) {
      const item = installed.find((i) => i.extension.name === name)
      if (!item) return
      installed = installed.filter((i) => i !== item)
      const { extension: e } = item
      failed.push({ origin: item.origin, name: e.name, version: e.version, description: e.description, ...failure })
    },
    async fire(trx, event, args, options = {}) {
      const cluster = options.cluster ?? (args[0] as ClusterObject | undefined)
      const targets = recipients(installed, event, cluster)
      if (targets.length === 0) return
      const objects = makeObjects(trx)
      const skipped = await skippedWhileDegraded(faults, trx, targets)
      for (const { extension } of targets) {
        const handler = eventHandler(extension, event)
        if (!handler || skipped.has(extension.name)) continue
        const logger = extensionLogger(log, extension.name)
        // Most extensions have no configuration: no await for them (50 handlers on every node created).
        const config = extension.configSchema
          ? await effectiveConfig(trx as Kysely<unknown>, extension, cluster?.id ?? null)
          : {}
        const ctx: EventContext = { db: trx, objects, logger, config, changes: options.changes ?? {} }
        const guard = { extension, stage: event, log, db: trx as Kysely<unknown>, faults }
        const outcome = guardedCall(guard, () => handler(...args, ctx))
        if (outcome instanceof Promise) await outcome
      }
    },
    ...createPipelineRunner({ installed: () => installed, makeObjects, log, faults }),
  }
  return host
}

function recipients(
  list: readonly InstalledExtension[],
  event: EventName,
  cluster?: ClusterObject,
): InstalledExtension[] {
  if (!CLUSTER_SCOPED_EVENTS.includes(event)) return [...list]
  return orderEnabled((cluster?.extensions ?? []).flatMap((name) => list.filter((i) => i.extension.name === name)))
}

/** The handler as an instance member (field or method) or a static one (the seed's classmethod). */
function eventHandler(extension: BaseExtension, event: EventName): ((...args: unknown[]) => unknown) | undefined {
  const own = readMember(extension, event)
  if (typeof own === 'function') return own.bind(extension)
  const statics = readMember(extension.constructor, event)
  return typeof statics === 'function' ? statics.bind(extension.constructor) : undefined
}

function loadedStatus({ extension }: InstalledExtension): ExtensionStatus {
  return { ...extension.toDict(), status: 'loaded' }
}

function failedStatus(failure: FailedExtension): ExtensionStatus {
  return {
    name: failure.name ?? failure.origin.entry,
    version: failure.version ?? '',
    description: failure.description ?? '',
    provides: [],
    status: 'failed',
    error: failure.error,
  }
}
