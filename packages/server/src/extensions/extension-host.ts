/**
 * The host side of the extension system as the rest of the core sees it: fire an event inside a
 * transaction, run the data pipelines, list what is installed. Loading, validation and ordering
 * happen before this object exists (see load-extensions.ts).
 */
import {
  type BaseExtension,
  CLUSTER_SCOPED_EVENTS,
  type ClusterObject,
  type EventContext,
  type EventName,
  ExtensionError,
  type ExtensionEventHandlers,
  type ObjectsApi,
} from '@nailgun/extensions'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

type DropLast<T extends unknown[]> = T extends [...infer Head, unknown] ? Head : never
/** The arguments of an event, without the trailing context. */
export type EventArgs<E extends EventName> = DropLast<Parameters<ExtensionEventHandlers[E]>>

export interface FireOptions {
  /** For environment-scoped events: only the extensions enabled on it receive the event. */
  cluster?: ClusterObject
  changes?: EventContext['changes']
}

export interface ExtensionHost {
  /** Installed extensions, in their deterministic order. */
  readonly extensions: readonly BaseExtension[]
  installedNames(): string[]
  fire<E extends EventName>(trx: Kysely<Database>, event: E, args: EventArgs<E>, options?: FireOptions): Promise<void>
}

export interface ExtensionHostDeps {
  extensions: readonly BaseExtension[]
  makeObjects: (trx: Kysely<Database>) => ObjectsApi
  log: FastifyBaseLogger
}

export function createExtensionHost(deps: ExtensionHostDeps): ExtensionHost {
  const { extensions, makeObjects, log } = deps
  return {
    extensions,
    installedNames: () => extensions.map((e) => e.name),
    async fire(trx, event, args, options = {}) {
      const targets = recipients(extensions, event, options.cluster)
      if (targets.length === 0) return
      const objects = makeObjects(trx)
      for (const extension of targets) {
        const handler = extension[event] as ((...a: unknown[]) => unknown) | undefined
        if (typeof handler !== 'function') continue
        const ctx: EventContext = {
          db: trx,
          objects,
          logger: extensionLogger(log, extension.name),
          config: {},
          changes: options.changes ?? {},
        }
        try {
          await handler.call(extension, ...args, ctx)
        } catch (error) {
          throw new ExtensionError(extension.name, event, error)
        }
      }
    },
  }
}

function recipients(extensions: readonly BaseExtension[], event: EventName, cluster?: ClusterObject): BaseExtension[] {
  if (!CLUSTER_SCOPED_EVENTS.includes(event)) return [...extensions]
  const enabled = cluster?.extensions ?? []
  return enabled.map((name) => extensions.find((e) => e.name === name)).filter((e) => e !== undefined)
}

export function extensionLogger(log: FastifyBaseLogger, name: string) {
  const child = log.child({ extension: name })
  return {
    debug: (message: string, data?: Record<string, unknown>) => child.debug(data ?? {}, message),
    info: (message: string, data?: Record<string, unknown>) => child.info(data ?? {}, message),
    warn: (message: string, data?: Record<string, unknown>) => child.warn(data ?? {}, message),
    error: (message: string, data?: Record<string, unknown>) => child.error(data ?? {}, message),
  }
}
