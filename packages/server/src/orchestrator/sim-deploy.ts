/**
 * Simulated `task_deploy` / `granular_deploy` / `deploy`: every node goes `deploying`, controllers
 * finish first, then the other nodes (the order Astute and Nailgun's fake mode use), then `ready`.
 */
import { deploymentNodes, type PlannedNode } from './sim-args.js'
import { NodeBoard } from './sim-board.js'
import { finish, type Phase, runPhases } from './sim-phases.js'
import type { Outcome, SimTask } from './sim-task.js'

const FIRST_ROLES = new Set(['primary-controller', 'controller'])

export async function simulateDeployment(task: SimTask): Promise<Outcome> {
  const nodes = deploymentNodes(task.message.args)
  const board = new NodeBoard(
    nodes.map((node) => node.uid),
    'deploying',
  )
  const completed = await runPhases(task, board, deploymentPhases(nodes))
  return finish(task, board, completed, 'ready', 'deploy')
}

function deploymentPhases(nodes: readonly PlannedNode[]): Phase[] {
  const first: string[] = []
  const rest: string[] = []
  for (const node of nodes) (node.roles.some((role) => FIRST_ROLES.has(role)) ? first : rest).push(node.uid)
  return [first, rest]
    .filter((uids) => uids.length > 0)
    .map((uids) => ({ uids, stage: 'deploy', running: 'deploying', done: 'ready' }))
}
