/**
 * `POST /clusters/<id>/assignment` and `/unassignment` (Nailgun's NodeAssignmentHandler and
 * NodeUnassignmentHandler): put discovered nodes into an environment with pending roles, or take
 * them out again. Every node is checked before any is changed; one transaction for the lot.
 */
import type { NodeObject } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.js'
import type { Database } from '../../db/schema.js'
import { errors } from '../../errors.js'
import { lockNodes } from './node-repo.js'
import type { AssignmentInput, UnassignmentInput } from './node-schema.js'
import { applyNodeUpdate, nodeUpdateContext, type UpdateContext } from './node-update.js'

type Db = Kysely<Database>

/** The environment and the listed nodes, locked; 404 naming what does not exist. */
async function loadTargets(
  ctx: AppContext,
  uc: UpdateContext,
  clusterId: number,
  ids: number[],
): Promise<NodeObject[]> {
  if (!(await uc.clusters(clusterId))) throw errors.objectNotFound('Cluster')
  const nodes = await lockNodes(uc.db, ctx.database.dialect, ids)
  const missing = ids.filter((id) => !nodes.some((node) => node.id === id))
  if (missing.length > 0) throw errors.objectsNotFound(`Nodes with ids ${missing.join(',')} were not found.`)
  return nodes
}

function idList(nodes: readonly NodeObject[]): string {
  return nodes.map((node) => node.id).join(', ')
}

export async function assignNodes(ctx: AppContext, clusterId: number, input: AssignmentInput): Promise<void> {
  // A node listed twice gets its last roles, as Nailgun's dict did.
  const roles = new Map(input.map((item) => [item.id, item.roles]))
  await ctx.database.db.transaction().execute(async (trx) => {
    const uc = nodeUpdateContext(ctx, trx)
    const nodes = await loadTargets(ctx, uc, clusterId, [...roles.keys()])
    const elsewhere = nodes.filter((node) => node.clusterId !== null && node.clusterId !== clusterId)
    if (elsewhere.length > 0) {
      throw errors.invalidNodes(`Nodes [${idList(elsewhere)}] already belong to another environment.`)
    }
    const busy = nodes.filter((node) => node.status !== 'discover')
    if (busy.length > 0) throw errors.wrongNodeStatus(`Nodes [${idList(busy)}] are not in discover status.`)
    for (const node of nodes) {
      await applyNodeUpdate(uc, node, { clusterId, pendingRoles: roles.get(node.id), pendingAddition: true })
    }
  })
}

export async function unassignNodes(ctx: AppContext, clusterId: number, input: UnassignmentInput): Promise<void> {
  const ids = [...new Set(input.map((item) => item.id))]
  await ctx.database.db.transaction().execute(async (trx) => {
    const uc = nodeUpdateContext(ctx, trx)
    const nodes = await loadTargets(ctx, uc, clusterId, ids)
    const strangers = nodes.filter((node) => node.clusterId !== clusterId)
    if (strangers.length > 0) {
      throw errors.invalidNodes(`Nodes [${idList(strangers)}] are not members of environment ${clusterId}.`)
    }
    for (const node of nodes) {
      // A deployed node must be cleaned up by a deletion task; an undeployed one just leaves.
      const change = node.status === 'discover' ? { clusterId: null } : { pendingDeletion: true }
      await applyNodeUpdate(uc, node, change)
    }
  })
}

/**
 * Takes a node out of its environment inside the caller's transaction (`onRemoveNodeFromCluster`,
 * then `onNodeUpdate`). For other slices: node group deletion, environment reset or deletion.
 */
export async function removeNodeFromCluster(ctx: AppContext, trx: Db, node: NodeObject): Promise<NodeObject> {
  if (node.clusterId === null) return node
  return applyNodeUpdate(nodeUpdateContext(ctx, trx), node, { clusterId: null })
}
