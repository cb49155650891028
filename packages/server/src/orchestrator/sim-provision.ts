/** Simulated `image_provision` / `native_provision`: nodes go `provisioning` → `provisioned`. */
import { provisioningNodes } from './sim-args.js'
import { NodeBoard } from './sim-board.js'
import { finish, runPhases } from './sim-phases.js'
import type { Outcome, SimTask } from './sim-task.js'

export async function simulateProvisioning(task: SimTask): Promise<Outcome> {
  const uids = provisioningNodes(task.message.args).map((node) => node.uid)
  const board = new NodeBoard(uids, 'provisioning')
  const phase = { uids, stage: 'provision', running: 'provisioning', done: 'provisioned' } as const
  const completed = await runPhases(task, board, [phase])
  return finish(task, board, completed, 'provisioned', 'provision')
}
