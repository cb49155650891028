/**
 * The validations of an operator change that need the database: where the node ends up (joining,
 * leaving or staying in its environment), node group, hostname and roles. They throw before
 * anything is written, so a refused request changes nothing and fires nothing.
 */
import type { NodeObject } from '@nailgun/extensions'
import { errors } from '../../errors.js'
import { findNodeGroup } from '../nodegroup/nodegroup-repo.js'
import { hostnameTaken, type NodeFields } from './node-repo.js'
import { type ClusterInfo, checkRoles } from './node-roles.js'
import type { NodeChange, UpdateContext } from './node-update-context.js'

/** Where the node ends up: its environment after the change and how it got there. */
export interface Placement {
  clusterId: number | null
  /** Loaded when joining; otherwise only when roles need checking. */
  info?: ClusterInfo
  joining: boolean
  leaving: boolean
}

export async function resolvePlacement(uc: UpdateContext, node: NodeObject, change: NodeChange): Promise<Placement> {
  const target = change.clusterId
  const current = node.clusterId
  if (target === undefined || target === current) return { clusterId: current, joining: false, leaving: false }
  if (target === null) return { clusterId: null, joining: false, leaving: true }
  if (current !== null) throw errors.invalidData('Changing cluster on the fly is not allowed')
  const info = await uc.clusters(target)
  if (!info) throw errors.invalidData(`Cluster with ID ${target} does not exist`)
  return { clusterId: target, info, joining: true, leaving: false }
}

export async function checkGroup(
  uc: UpdateContext,
  node: NodeObject,
  groupId: number,
  place: Placement,
): Promise<void> {
  const prefix = `Cannot assign node group (ID=${groupId}) to node ${node.id}.`
  const group = await findNodeGroup(uc.db, groupId)
  if (!group) throw errors.invalidData(`${prefix} The specified node group does not exist.`)
  if (place.clusterId === null) throw errors.invalidData(`${prefix} Node is not allocated to cluster.`)
  if (group.clusterId !== place.clusterId)
    throw errors.invalidData(`${prefix} Node belongs to other cluster than node group`)
}

/** Hostnames are unique within an environment (and among unassigned nodes), and fixed after discovery. */
export async function checkHostname(uc: UpdateContext, node: NodeObject, hostname: string, clusterId: number | null) {
  if (node.status !== 'discover') throw errors.notAllowed('Node hostname may be changed only before provisioning.')
  if (await hostnameTaken(uc.db, hostname, clusterId, node.id))
    throw errors.nodeExists(`Duplicate hostname '${hostname}'.`)
}

/** A node joining keeps its hostname only when nobody in the environment uses it. */
export async function checkJoinHostname(uc: UpdateContext, node: NodeObject, hostname: string, clusterId: number) {
  if (await hostnameTaken(uc.db, hostname, clusterId, node.id)) {
    throw errors.nodeExists(`Nodes with hostnames [${hostname}] already exist in cluster ${clusterId}.`)
  }
}

/** The role lists to write, checked against the environment the node ends up in. */
export async function roleFields(
  uc: UpdateContext,
  node: NodeObject,
  change: NodeChange,
  place: Placement,
): Promise<NodeFields> {
  if (change.roles === undefined && change.pendingRoles === undefined) return {}
  const roles = change.roles ?? (place.leaving ? [] : node.roles)
  const pendingRoles = change.pendingRoles ?? (place.leaving ? [] : node.pendingRoles)
  if (place.clusterId === null) {
    if (roles.length > 0 || pendingRoles.length > 0) {
      throw errors.nodeNotInCluster(`Node ${node.id} is not in an environment: roles cannot be assigned`)
    }
    return {}
  }
  const info = place.info ?? (await uc.clusters(place.clusterId))
  if (!info) throw errors.invalidData(`Cluster with ID ${place.clusterId} does not exist`)
  checkRoles(info, roles, pendingRoles)
  return { roles, pendingRoles }
}
