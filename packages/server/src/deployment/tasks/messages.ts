/**
 * The messages cast to the orchestrator, in Astute's envelope (`make_astute_message`):
 * `{api_version: '1', method, respond_to, args: {task_uuid, ...}}`.
 *
 * Deviation: `deployment_info` is sent in the split form `{common, nodes}` rather than Astute's
 * legacy list with `common` merged into every node. The legacy list grows with the square of the
 * environment (common holds every node's network data), and our orchestrator reads the split
 * form; the messages are also what the task keeps in `cache`, so storage stays linear too.
 */
import type { DeploymentFacts, JsonObject, NodeObject, ProvisioningFacts } from '@nailgun/extensions'
import type { TaskRecord } from '../../domain/task/index.js'
import type { OrchestratorMessage } from '../../orchestrator/types.js'
import { nodeRoles, slaveName } from '../serializers/node-info.js'

export type Engine = JsonObject

function message(task: TaskRecord, method: string, respondTo: string, args: JsonObject): OrchestratorMessage {
  return { api_version: '1', method, respond_to: respondTo, args: { task_uuid: task.uuid, ...args } }
}

/** How the remove, reset and stop messages name a node. */
export function nodeRef(node: NodeObject): JsonObject {
  return { uid: String(node.id), roles: nodeRoles(node), slave_name: slaveName(node) }
}

/** `image_provision`, or `native_provision` when the environment provisions with the classic installer. */
export function provisionMessage(task: TaskRecord, facts: ProvisioningFacts): OrchestratorMessage {
  const method = facts.engine?.provision_method === 'cobbler' ? 'native_provision' : 'image_provision'
  return message(task, method, 'provision_resp', { provisioning_info: facts as unknown as JsonObject })
}

/** `granular_deploy`: each node entry carries its own `tasks` (the role manifests in order). */
export function deploymentMessage(task: TaskRecord, facts: DeploymentFacts): OrchestratorMessage {
  const info = facts as unknown as JsonObject
  return message(task, 'granular_deploy', 'deploy_resp', {
    deployment_info: info,
    pre_deployment: [],
    post_deployment: [],
  })
}

export function removeNodesMessage(
  task: TaskRecord,
  nodes: readonly NodeObject[],
  engine: Engine,
  respondTo: 'remove_nodes_resp' | 'remove_cluster_resp',
): OrchestratorMessage {
  return message(task, 'remove_nodes', respondTo, { nodes: nodes.map(nodeRef), check_ceph: false, engine })
}

export function resetMessage(task: TaskRecord, nodes: readonly NodeObject[], engine: Engine): OrchestratorMessage {
  return message(task, 'reset_environment', 'reset_environment_resp', { nodes: nodes.map(nodeRef), engine })
}

export function stopMessage(
  task: TaskRecord,
  stopTaskUuid: string,
  nodes: readonly NodeObject[],
  engine: Engine,
): OrchestratorMessage {
  const refs = nodes.map((node) => ({ ...nodeRef(node), admin_ip: node.ip }))
  return message(task, 'stop_deploy_task', 'stop_deployment_resp', {
    stop_task_uuid: stopTaskUuid,
    nodes: refs,
    engine,
  })
}

/** The message as the task's `cache` column holds it. */
export function asCache(message: OrchestratorMessage): JsonObject {
  return message as unknown as JsonObject
}

/** The node ids a task's stored message is about. */
export function messageNodeIds(task: Pick<TaskRecord, 'cache'>): number[] {
  const args = (task.cache as { args?: Record<string, unknown> }).args ?? {}
  const info = (args.provisioning_info ?? args.deployment_info) as { nodes?: unknown } | undefined
  const list = info?.nodes ?? args.nodes
  if (!Array.isArray(list)) return []
  const ids = list.map((entry) => Number((entry as { uid?: unknown })?.uid)).filter((id) => Number.isInteger(id))
  return [...new Set(ids)]
}
