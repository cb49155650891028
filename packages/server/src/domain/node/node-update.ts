/**
 * One operator change to one node (Nailgun's `Node.update`): environment moves, node group,
 * hostname, roles, flags and meta, validated against the node's state, written in one UPDATE,
 * with `onRemoveNodeFromCluster` before a node leaves its environment and `onNodeUpdate` (with
 * the changed fields) after every committed change. Runs inside the caller's transaction.
 */
import type { NodeObject } from '@nailgun/extensions'
import { diffNodes, hasChanges } from './node-changes.js'
import { syncNics } from './node-interfaces.js'
import { interfacesLocked, mergeMeta, nicsFromMeta } from './node-meta.js'
import { hostnameTaken, type NodeFields, updateNode } from './node-repo.js'
import {
  checkGroup,
  checkHostname,
  checkJoinHostname,
  type Placement,
  resolvePlacement,
  roleFields,
} from './node-update-checks.js'
import type { NodeChange, UpdateContext } from './node-update-context.js'

export { type NodeChange, nodeUpdateContext, type UpdateContext } from './node-update-context.js'

/** Leaving an environment drops everything that only made sense inside it. */
async function leaveFields(uc: UpdateContext, node: NodeObject): Promise<NodeFields> {
  const hostname = (await hostnameTaken(uc.db, `node-${node.id}`, null, node.id))
    ? `node-${node.uuid}`
    : `node-${node.id}`
  return {
    clusterId: null,
    groupId: null,
    roles: [],
    pendingRoles: [],
    primaryTags: [],
    pendingAddition: false,
    pendingDeletion: false,
    kernelParams: null,
    replacedDeploymentInfo: [],
    replacedProvisioningInfo: {},
    hostname,
  }
}

/** Nailgun's clients set pending_addition with pending roles; we infer it when they do not. */
function inferPendingAddition(node: NodeObject, change: NodeChange, place: Placement): NodeFields {
  if (change.pendingAddition !== undefined || place.clusterId === null || node.status !== 'discover') return {}
  const gotRoles = (change.pendingRoles?.length ?? 0) > 0
  return gotRoles ? { pendingAddition: true } : {}
}

function plainFields(node: NodeObject, change: NodeChange): NodeFields {
  const { name, hostname, labels, pendingAddition, pendingDeletion, status, errorType, errorMsg, progress, online } =
    change
  const { kernelParams, manufacturer, platformName, osPlatform } = change
  const fields: NodeFields = {
    name,
    hostname,
    labels,
    pendingAddition,
    pendingDeletion,
    status,
    errorType,
    errorMsg,
    progress,
    online,
    kernelParams,
    manufacturer,
    platformName,
    osPlatform,
  }
  if (change.meta) fields.meta = mergeMeta(node.meta, change.meta, { agent: false, status: node.status })
  // Like Nailgun, a null IP in a report never erases the known one.
  if (change.ip) fields.ip = change.ip
  return fields
}

/** Validates `change` against `node` and returns the fields to write. Fires nothing. */
async function planUpdate(
  uc: UpdateContext,
  node: NodeObject,
  change: NodeChange,
): Promise<{ fields: NodeFields; place: Placement }> {
  const place = await resolvePlacement(uc, node, change)
  if (change.groupId !== undefined) await checkGroup(uc, node, change.groupId, place)
  if (change.hostname !== undefined && change.hostname !== node.hostname) {
    await checkHostname(uc, node, change.hostname, place.clusterId)
  } else if (place.joining && place.clusterId !== null) {
    await checkJoinHostname(uc, node, node.hostname, place.clusterId)
  }
  const fields: NodeFields = {
    ...(place.leaving ? await leaveFields(uc, node) : {}),
    ...(place.joining ? { clusterId: place.clusterId, groupId: place.info?.defaultGroupId ?? null } : {}),
    ...withoutUndefined(plainFields(node, change)),
    ...(await roleFields(uc, node, change, place)),
    ...inferPendingAddition(node, change, place),
  }
  if (change.groupId !== undefined) fields.groupId = change.groupId
  return { fields, place }
}

function withoutUndefined(fields: NodeFields): NodeFields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as NodeFields
}

export async function applyNodeUpdate(uc: UpdateContext, node: NodeObject, change: NodeChange): Promise<NodeObject> {
  const { fields, place } = await planUpdate(uc, node, change)
  if (place.leaving) await uc.events.fire(uc.db, 'onRemoveNodeFromCluster', [node])
  const updated = await updateNode(uc.db, node.id, fields)
  if (fields.meta && change.meta?.interfaces !== undefined && !interfacesLocked(node.status, node.errorType, false)) {
    const { skipped } = await syncNics(uc.db, node.id, nicsFromMeta(updated.meta))
    if (skipped.length > 0) uc.log.warn({ nodeId: node.id, skipped }, 'NICs owned by other nodes were not stored')
  }
  await fireNodeUpdate(uc, node, updated)
  return updated
}

/** `onNodeUpdate` with the changed fields, when anything changed. */
export async function fireNodeUpdate(
  uc: Pick<UpdateContext, 'db' | 'events'>,
  before: NodeObject,
  after: NodeObject,
): Promise<void> {
  const changes = diffNodes(before, after)
  if (hasChanges(changes)) await uc.events.fire(uc.db, 'onNodeUpdate', [after], { changes })
}
