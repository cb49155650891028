/**
 * Deployment: the facts endpoints, the task managers that start work on environments and nodes,
 * the receiver of the orchestrator's responses, and restart recovery.
 */

export { factsRoutes } from './facts-routes.js'
export { buildDeploymentFacts, buildProvisioningFacts } from './facts-service.js'
export { applyResponse } from './receiver/apply-response.js'
export { INTERRUPTED_MESSAGE, recoverInterruptedTasks } from './recovery.js'
export { operationsRoutes } from './tasks/operations-routes.js'
