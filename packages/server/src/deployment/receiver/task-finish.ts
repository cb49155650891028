/** Which ending runs when a task of a given name finishes. */
import type { TaskRecord } from '../../domain/task/index.js'
import { TASK } from '../tasks/task-names.js'
import { deploymentFinished, provisionFinished, supertaskFinished } from './finish-deployment.js'
import { clusterDeletionFinished, nodeDeletionFinished } from './finish-removal.js'
import { resetFinished, stopFinished } from './finish-reset-stop.js'
import type { ReceiverContext, TaskReport } from './receiver-context.js'

type Ending = (rc: ReceiverContext, task: TaskRecord, report: TaskReport) => Promise<void>

const ENDINGS: Readonly<Record<string, Ending>> = {
  [TASK.provision]: provisionFinished,
  [TASK.deployment]: deploymentFinished,
  [TASK.deploy]: supertaskFinished,
  [TASK.nodeDeletion]: nodeDeletionFinished,
  [TASK.clusterDeletion]: clusterDeletionFinished,
  [TASK.resetEnvironment]: resetFinished,
  [TASK.stopDeployment]: stopFinished,
}

export async function taskFinished(rc: ReceiverContext, task: TaskRecord, report: TaskReport): Promise<void> {
  rc.ctx.metrics?.taskFinished(task.name, task.status, secondsSince(task.timeStart))
  const ending = Object.hasOwn(ENDINGS, task.name) ? ENDINGS[task.name] : undefined
  if (ending) await ending(rc, task, report)
}

/** How long a task ran; 0 when it never started. */
function secondsSince(start: string | null): number {
  const started = start ? Date.parse(start) : Number.NaN
  return Number.isNaN(started) ? 0 : (Date.now() - started) / 1000
}
