/** Builders of the messages Nailgun casts, in the original envelope. */
import { randomUUID } from 'node:crypto'
import type { OrchestratorMessage } from '../../src/orchestrator/index.js'

function message(method: string, respondTo: string, args: Record<string, unknown>): OrchestratorMessage {
  return { api_version: '1', method, respond_to: respondTo, args: { task_uuid: randomUUID(), ...args } }
}

export function provisionMessage(uids: string[]): OrchestratorMessage {
  const nodes = uids.map((uid) => ({ uid, hostname: `node-${uid}`, profile: 'ubuntu_1404_x86_64' }))
  return message('image_provision', 'provision_resp', { provisioning_info: { engine: {}, nodes, fault_tolerance: [] } })
}

/** Legacy deployment facts: one entry per node and role, plus the fake `master` entry. */
export function deployMessage(entries: Array<{ uid: string; role: string }>): OrchestratorMessage {
  const info = [
    ...entries.map(({ uid, role }) => ({ uid, role, fqdn: `node-${uid}.domain.tld` })),
    { uid: 'master', roles: ['master'] },
  ]
  return message('granular_deploy', 'deploy_resp', { deployment_info: info, pre_deployment: [], post_deployment: [] })
}

/** LCM style: a task graph per node uid, with cluster-wide (`null`) and master entries. */
export function taskDeployMessage(uids: string[]): OrchestratorMessage {
  const graph: Record<string, unknown[]> = { null: [{ id: 'globals' }], master: [{ id: 'sync' }] }
  for (const uid of uids) graph[uid] = [{ id: 'netconfig', type: 'puppet' }]
  return message('task_deploy', 'deploy_resp', { tasks_directory: {}, tasks_graph: graph })
}

export function removeMessage(uids: string[], respondTo = 'remove_nodes_resp'): OrchestratorMessage {
  const nodes = uids.map((uid) => ({ uid, roles: ['compute'], slave_name: `node-${uid}` }))
  return message('remove_nodes', respondTo, { nodes, engine: {}, check_ceph: false })
}

export function resetMessage(uids: string[]): OrchestratorMessage {
  return message('reset_environment', 'reset_environment_resp', { nodes: uids.map((uid) => ({ uid })), engine: {} })
}

export function stopMessage(stopTaskUuid: string, uids: string[]): OrchestratorMessage {
  const nodes = uids.map((uid) => ({ uid, roles: ['compute'], slave_name: `node-${uid}`, admin_ip: '10.20.0.3' }))
  return message('stop_deploy_task', 'stop_deployment_resp', { stop_task_uuid: stopTaskUuid, nodes, engine: {} })
}

/** A deployment of `count` nodes: three controllers, the rest computes. */
export function largeDeployment(count: number): OrchestratorMessage {
  const entries = Array.from({ length: count }, (_, i) => ({
    uid: String(i + 1),
    role: i < 3 ? 'controller' : 'compute',
  }))
  return deployMessage(entries)
}
