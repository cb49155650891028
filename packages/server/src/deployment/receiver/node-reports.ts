/**
 * Copies the per-node part of `provision_resp` / `deploy_resp` onto the nodes (Nailgun copies
 * status, progress, error and online). Only the task's environment's nodes are touched; `master`
 * and other non-node uids are ignored. A node newly failing its deployment gets a notification.
 */
import type { NodeErrorType } from '@nailgun/extensions'
import { lockNodes, updateNode } from '../../domain/node/index.js'
import type { TaskRecord } from '../../domain/task/index.js'
import type { NodeReport } from '../../orchestrator/types.js'
import { nodeChange } from './node-state.js'
import { notify, type ReceiverContext } from './receiver-context.js'

function nodeId(report: NodeReport): number | null {
  const id = Number(report.uid)
  return /^\d+$/.test(String(report.uid)) && Number.isSafeInteger(id) ? id : null
}

export async function applyNodeReports(
  rc: ReceiverContext,
  task: TaskRecord,
  reports: readonly NodeReport[] | undefined,
  stage: Extract<NodeErrorType, 'provision' | 'deploy'>,
): Promise<void> {
  if (!reports || reports.length === 0) return
  const byId = new Map<number, NodeReport>()
  for (const report of reports) {
    const id = nodeId(report)
    if (id !== null) byId.set(id, report)
  }
  const nodes = await lockNodes(rc.trx, rc.ctx.database.dialect, [...byId.keys()])
  for (const node of nodes) {
    if (node.clusterId !== task.clusterId) continue
    const change = nodeChange(node, byId.get(node.id) as NodeReport, stage)
    if (!change) continue
    const updated = await updateNode(rc.trx, node.id, change.fields)
    if (change.failed && stage === 'deploy') {
      await notify(rc, {
        topic: 'error',
        message: `Failed to deploy node '${updated.name}': ${updated.errorMsg}`,
        clusterId: task.clusterId,
        nodeId: node.id,
        taskId: task.id,
      })
    }
  }
}
