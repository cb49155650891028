/**
 * Simulated one-shot methods: node removal, environment reset, stopping a deployment, and any
 * other method (network checks, dumps...), which Astute's fake mode answers `ready` after a step.
 */
import { listedNodeUids } from './sim-args.js'
import type { Outcome, SimTask } from './sim-task.js'
import type { NodeReport } from './types.js'

/** `remove_nodes` (answered to `remove_nodes_resp` or `remove_cluster_resp`). */
export async function simulateRemoval(task: SimTask): Promise<Outcome> {
  const uids = listedNodeUids(task.message.args)
  const failures = task.failures('remove')
  await task.step()
  const removed = uids.filter((uid) => !failures.has(uid)).map((uid) => ({ uid }))
  const errorNodes = uids.filter((uid) => failures.has(uid)).map((uid) => removalError(uid, failures.get(uid)!))
  if (errorNodes.length === 0) {
    await task.send({ status: 'ready', progress: 100, nodes: removed, inaccessible_nodes: [] })
    return 'ready'
  }
  const error = errorNodes.map((node) => `Failed to remove node '${node.uid}': ${node.error_msg}`).join('; ')
  await task.send({
    status: 'error',
    progress: 100,
    error,
    nodes: removed,
    error_nodes: errorNodes,
    inaccessible_nodes: [],
  })
  return 'error'
}

/** Nailgun's receiver reads `error`; `error_type`/`error_msg` match the other responses. */
function removalError(uid: string, message: string): NodeReport & { error: string } {
  return { uid, status: 'error', error_type: 'deletion', error_msg: message, error: message }
}

/** `reset_environment`. */
export async function simulateReset(task: SimTask): Promise<Outcome> {
  const nodes = listedNodeUids(task.message.args).map((uid) => ({ uid }))
  await task.step()
  await task.send({ status: 'ready', progress: 100, nodes, inaccessible_nodes: [] })
  return 'ready'
}

/**
 * `stop_deploy_task`: interrupts the task named by `stop_task_uuid` and waits for its last
 * response, so Nailgun sees the stopped task end before the stop succeeds.
 */
export async function simulateStop(task: SimTask): Promise<Outcome> {
  const target = task.message.args.stop_task_uuid
  const nodes = listedNodeUids(task.message.args).map((uid) => ({ uid }))
  await task.step()
  if (typeof target === 'string') await task.stop(target)
  await task.send({ status: 'ready', progress: 100, stop_task_uuid: target, nodes, inaccessible_nodes: [] })
  return 'ready'
}

/** Any other method: `ready` after one step, echoing `nodes` as the fake mode's verification does. */
export async function simulateAcknowledge(task: SimTask): Promise<Outcome> {
  await task.step()
  const nodes = task.message.args.nodes
  await task.send({ status: 'ready', progress: 100, ...(Array.isArray(nodes) ? { nodes } : {}) })
  return 'ready'
}
