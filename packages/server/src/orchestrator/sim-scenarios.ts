/** Which simulation answers which orchestrator method. */
import { simulateDeployment } from './sim-deploy.js'
import { simulateProvisioning } from './sim-provision.js'
import { simulateAcknowledge, simulateRemoval, simulateReset, simulateStop } from './sim-simple.js'
import type { Outcome, SimTask } from './sim-task.js'

export type Scenario = (task: SimTask) => Promise<Outcome>

const SCENARIOS: Readonly<Record<string, Scenario>> = {
  image_provision: simulateProvisioning,
  native_provision: simulateProvisioning,
  task_deploy: simulateDeployment,
  granular_deploy: simulateDeployment,
  deploy: simulateDeployment,
  remove_nodes: simulateRemoval,
  reset_environment: simulateReset,
  stop_deploy_task: simulateStop,
}

export function scenarioFor(method: string): Scenario {
  return Object.hasOwn(SCENARIOS, method) ? SCENARIOS[method]! : simulateAcknowledge
}
