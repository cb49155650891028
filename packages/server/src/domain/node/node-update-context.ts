/** What a node update needs from its surroundings, and the change it applies. */
import type { NodeObject } from '@nailgun/extensions'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.js'
import type { Database } from '../../db/schema.js'
import type { ExtensionHost } from '../../extensions/extension-host.js'
import type { ReportedMeta } from './node-meta.js'
import { type ClusterLookup, clusterLookup } from './node-roles.js'

export interface UpdateContext {
  db: Kysely<Database>
  events: ExtensionHost
  clusters: ClusterLookup
  log: FastifyBaseLogger
}

/** The context of updates made in `trx` on behalf of a request or task. */
export function nodeUpdateContext(ctx: AppContext, trx: Kysely<Database>): UpdateContext {
  return { db: trx, events: ctx.extensions, clusters: clusterLookup(trx), log: ctx.log }
}

/** A requested change, in NodeObject terms; `undefined` leaves a field alone. */
export interface NodeChange {
  name?: string
  hostname?: string
  labels?: Record<string, string | null>
  roles?: string[]
  pendingRoles?: string[]
  /** A number joins that environment, null leaves the current one. */
  clusterId?: number | null
  groupId?: number
  pendingAddition?: boolean
  pendingDeletion?: boolean
  status?: NodeObject['status']
  errorType?: NodeObject['errorType']
  errorMsg?: string | null
  progress?: number
  online?: boolean
  kernelParams?: string | null
  meta?: ReportedMeta
  ip?: string | null
  manufacturer?: string | null
  platformName?: string | null
  osPlatform?: string | null
}
