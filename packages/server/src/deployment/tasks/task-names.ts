/** Task names and the rules about which tasks exclude each other. */
import type { TaskStatus } from '@nailgun/extensions'

export const TASK = {
  deploy: 'deploy',
  deployment: 'deployment',
  provision: 'provision',
  nodeDeletion: 'node_deletion',
  clusterDeletion: 'cluster_deletion',
  checkBeforeDeployment: 'check_before_deployment',
  stopDeployment: 'stop_deployment',
  resetEnvironment: 'reset_environment',
} as const

/** While one of these runs on an environment, no other of them may start there (Nailgun's check_running_task). */
export const EXCLUSIVE_TASKS: readonly string[] = [
  TASK.deploy,
  TASK.deployment,
  TASK.provision,
  TASK.nodeDeletion,
  TASK.clusterDeletion,
  TASK.stopDeployment,
  TASK.resetEnvironment,
]

/** What a stop request can stop. */
export const STOPPABLE_TASKS: readonly string[] = [TASK.deployment, TASK.provision]

export const UNFINISHED: readonly TaskStatus[] = ['pending', 'running']

export function isFinished(status: TaskStatus): boolean {
  return status === 'ready' || status === 'error'
}

/** Shares of the `deploy` supertask's progress (Nailgun's subtask weights). */
export const WEIGHTS = { nodeDeletion: 0.4, provision: 0.4, deployment: 1 } as const
