/**
 * The receiver: applies one orchestrator response in one transaction and resolves once it is
 * committed, so the transport acknowledges only durable changes. Delivery is at least once:
 * a response for an unknown or already finished task is ignored, and the handlers tolerate
 * seeing a running report twice (see node-state.ts and task-settle.ts).
 *
 * Lock order is the task managers': the environment row first, then the task, so a response and a
 * new operation on the same environment (and two responses of one deployment) run one at a time.
 */
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.js'
import type { Database } from '../../db/schema.js'
import { lockCluster } from '../../domain/cluster/index.js'
import { findTaskByUuid, lockTaskByUuid, type TaskRecord } from '../../domain/task/index.js'
import type { OrchestratorResponse, OrchestratorResponseArgs } from '../../orchestrator/types.js'
import { isFinished } from '../tasks/task-names.js'
import { applyNodeReports } from './node-reports.js'
import type { ReceiverContext, TaskReport } from './receiver-context.js'
import { applyRemoval } from './removal.js'
import { settleTask } from './task-settle.js'

type Handler = (rc: ReceiverContext, task: TaskRecord, args: OrchestratorResponseArgs) => Promise<void>

function reportOf(args: OrchestratorResponseArgs): TaskReport {
  return { status: args.status, progress: args.progress, message: args.error ?? null, nodes: args.nodes }
}

const settleOnly: Handler = async (rc, task, args) => {
  await settleTask(rc, task, reportOf(args))
}

/** Receiver methods by `respond_to` name. */
const HANDLERS: Readonly<Record<string, Handler>> = {
  provision_resp: async (rc, task, args) => {
    await applyNodeReports(rc, task, args.nodes, 'provision')
    await settleTask(rc, task, reportOf(args))
  },
  deploy_resp: async (rc, task, args) => {
    await applyNodeReports(rc, task, args.nodes, 'deploy')
    await settleTask(rc, task, reportOf(args))
  },
  remove_nodes_resp: removal,
  remove_cluster_resp: removal,
  reset_environment_resp: settleOnly,
  stop_deployment_resp: settleOnly,
}

/** Nodes are removed only with the final response, which says which ones went. */
async function removal(rc: ReceiverContext, task: TaskRecord, args: OrchestratorResponseArgs): Promise<void> {
  if (args.status === 'ready' || args.status === 'error') await applyRemoval(rc, task, args)
  await settleTask(rc, task, reportOf(args))
}

export function isKnownResponse(method: string): boolean {
  return Object.hasOwn(HANDLERS, method)
}

export async function applyResponse(ctx: AppContext, response: OrchestratorResponse): Promise<void> {
  const handler = isKnownResponse(response.method) ? HANDLERS[response.method] : undefined
  const uuid = response.args.task_uuid
  if (!handler) {
    ctx.log.warn({ method: response.method, task_uuid: uuid }, 'Ignoring an orchestrator response of unknown method')
    return
  }
  await ctx.database.db.transaction().execute(async (trx) => {
    const task = await lockTask(ctx, trx, uuid)
    if (!task)
      return ctx.log.warn({ method: response.method, task_uuid: uuid }, 'Ignoring a response for an unknown task')
    if (isFinished(task.status)) return ctx.log.debug({ task_uuid: uuid }, 'Ignoring a response for a finished task')
    await handler({ ctx, trx }, task, response.args)
  })
}

async function lockTask(ctx: AppContext, trx: Kysely<Database>, uuid: string): Promise<TaskRecord | undefined> {
  const found = await findTaskByUuid(trx, uuid)
  if (!found) return undefined
  if (found.clusterId !== null) await lockCluster(trx, ctx.database.dialect, found.clusterId)
  return lockTaskByUuid(trx, ctx.database.dialect, uuid)
}
