/** What every response handler works with: the application and the response's transaction. */
import type { NotificationObject } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.js'
import type { Database } from '../../db/schema.js'
import { createNotification, type NewNotification } from '../../domain/notification/index.js'
import type { NodeReport, ReportedTaskStatus } from '../../orchestrator/types.js'

export interface ReceiverContext {
  ctx: AppContext
  trx: Kysely<Database>
}

/** A task's new state, from a response or decided by Nailgun itself (abort, restart). */
export interface TaskReport {
  status?: ReportedTaskStatus
  progress?: number
  message?: string | null
  nodes?: NodeReport[]
  /** Ended because a sibling failed: effects apply, but no notification of its own. */
  aborted?: boolean
}

export function notify(rc: ReceiverContext, notification: NewNotification): Promise<NotificationObject> {
  return createNotification(rc.trx, notification)
}
