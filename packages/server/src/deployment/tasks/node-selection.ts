/**
 * Which nodes a deployment touches (Nailgun's `task/helpers.py`): the ones to delete, to
 * provision and to deploy, from their pending flags and the state a failed run left them in.
 */
import type { NodeObject } from '@nailgun/extensions'

const byId = (a: NodeObject, b: NodeObject) => a.id - b.id

export function hasRoles(node: NodeObject): boolean {
  return node.roles.length > 0 || node.pendingRoles.length > 0
}

/** A deletion failed: the next deployment tries again. */
export function needsRedeletion(node: NodeObject): boolean {
  return node.status === 'error' && node.errorType === 'deletion'
}

/** Provisioning failed: the next deployment provisions again. */
export function needsReprovision(node: NodeObject): boolean {
  return node.status === 'error' && node.errorType === 'provision' && !node.pendingDeletion
}

/** Installed but not (or not successfully) deployed, or given new roles. */
export function needsRedeploy(node: NodeObject): boolean {
  const unfinished = node.status === 'error' || node.status === 'provisioned' || node.status === 'stopped'
  return (unfinished || node.pendingRoles.length > 0) && !node.pendingDeletion
}

/** Nodes on their way out are never installed again. */
const leaving = (node: NodeObject) => node.pendingDeletion || needsRedeletion(node)

export function nodesToDelete(nodes: readonly NodeObject[]): NodeObject[] {
  return nodes.filter((node) => node.pendingDeletion || needsRedeletion(node)).sort(byId)
}

/**
 * New nodes not installed yet, and failed installations. A new node that an explicit
 * `PUT /provision` already installed (status provisioned) is not installed twice.
 */
export function nodesToProvision(nodes: readonly NodeObject[]): NodeObject[] {
  const fresh = (node: NodeObject) => node.pendingAddition && (node.status === 'discover' || node.status === 'stopped')
  return nodes.filter((node) => !leaving(node) && (fresh(node) || needsReprovision(node))).sort(byId)
}

/** With `force` (`/changes/redeploy`), every node of the environment with roles. */
export function nodesToDeploy(nodes: readonly NodeObject[], force = false): NodeObject[] {
  const wanted = (node: NodeObject) => force || node.pendingAddition || needsReprovision(node) || needsRedeploy(node)
  return nodes.filter((node) => !leaving(node) && hasRoles(node) && wanted(node)).sort(byId)
}
