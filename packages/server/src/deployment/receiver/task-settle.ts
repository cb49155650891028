/**
 * Task status and progress (Nailgun's `Task.update` with `_update_parent_instance`): progress
 * only moves forward, a finished task never changes again, and a subtask's change rolls up into
 * its supertask: ready when every subtask is, error as soon as one fails (the others are aborted),
 * otherwise the weighted progress of its subtasks.
 */
import { findTask, listTasks, type TaskRecord, updateTask } from '../../domain/task/index.js'
import { isFinished } from '../tasks/task-names.js'
import type { ReceiverContext, TaskReport } from './receiver-context.js'
import { taskFinished } from './task-finish.js'

export const ABORTED_MESSAGE = 'Task aborted'

/** Applies a report to an unfinished task, runs its ending when it finishes, then updates its parent. */
export async function settleTask(rc: ReceiverContext, task: TaskRecord, report: TaskReport): Promise<TaskRecord> {
  if (isFinished(task.status)) return task
  const updated = await applyReport(rc, task, report)
  if (isFinished(updated.status)) await taskFinished(rc, updated, report)
  if (updated.parentId !== null) await refreshParent(rc, updated.parentId)
  return updated
}

async function applyReport(rc: ReceiverContext, task: TaskRecord, report: TaskReport): Promise<TaskRecord> {
  const status = report.status ?? 'running'
  if (status === 'ready') return updateTask(rc.trx, task.id, { status, progress: 100 })
  if (status === 'error') {
    return updateTask(rc.trx, task.id, { status, progress: 100, message: report.message || 'Unknown error' })
  }
  const progress = Math.max(task.progress, clampProgress(report.progress ?? task.progress))
  if (task.status === 'running' && progress === task.progress) return task
  return updateTask(rc.trx, task.id, { status: 'running', progress })
}

function clampProgress(progress: number): number {
  return Math.max(0, Math.min(99, Math.floor(progress)))
}

async function refreshParent(rc: ReceiverContext, parentId: number): Promise<void> {
  const parent = await findTask(rc.trx, parentId, { includeDeleted: true })
  if (!parent || isFinished(parent.status)) return
  const subtasks = await listTasks(rc.trx, { parentId })
  const failed = subtasks.filter((t) => t.status === 'error')
  if (failed.length > 0) return failParent(rc, parent, subtasks, failed)
  if (subtasks.length > 0 && subtasks.every((t) => t.status === 'ready')) {
    await settleTask(rc, parent, { status: 'ready' })
    return
  }
  const weight = subtasks.reduce((sum, t) => sum + t.weight, 0)
  const progress = weight > 0 ? subtasks.reduce((sum, t) => sum + t.progress * t.weight, 0) / weight : 0
  // A supertask becomes running when its cast is accepted (dispatch.ts), not before.
  if (parent.status === 'pending') {
    const next = clampProgress(progress)
    if (next > parent.progress) await updateTask(rc.trx, parent.id, { progress: next })
    return
  }
  await settleTask(rc, parent, { status: 'running', progress })
}

async function failParent(rc: ReceiverContext, parent: TaskRecord, subtasks: TaskRecord[], failed: TaskRecord[]) {
  for (const sibling of subtasks.filter((t) => !isFinished(t.status))) {
    const aborted = await updateTask(rc.trx, sibling.id, { status: 'error', progress: 100, message: ABORTED_MESSAGE })
    await taskFinished(rc, aborted, { status: 'error', aborted: true })
  }
  const reasons = failed.map((t) => t.message).filter((m): m is string => !!m && m !== ABORTED_MESSAGE)
  await settleTask(rc, parent, { status: 'error', message: [...new Set(reasons)].join('\n') || ABORTED_MESSAGE })
}
