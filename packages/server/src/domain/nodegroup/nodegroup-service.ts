/**
 * Node group operations, each one transaction with its extension events inside: creation
 * (`onNodegroupCreate`), renaming, and deletion (`onNodegroupDelete` while the row still exists,
 * then the group's nodes leave the environment, as Nailgun's network manager made them).
 */
import type { NodeGroupObject } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.js'
import { isUniqueViolation } from '../../db/dialect.js'
import type { Database } from '../../db/schema.js'
import { errors } from '../../errors.js'
import { findCluster } from '../cluster/cluster-repo.js'
import { lockNodes, removeNodeFromCluster } from '../node/index.js'
import {
  deleteNodeGroupRow,
  findNodeGroup,
  insertNodeGroup,
  nodeGroupNameTaken,
  nodeIdsInGroup,
  renameNodeGroup,
} from './nodegroup-repo.js'
import type { NodeGroupCreateInput, NodeGroupUpdateInput } from './nodegroup-schema.js'

type Db = Kysely<Database>

const nameTaken = (name: string, clusterId: number) =>
  errors.nodegroupConflict(`Node group '${name}' already exists in environment ${clusterId}.`)

/**
 * Runs `work` in one transaction. A unique-name race lost to a concurrent request (after our
 * check, before our write) is the same 409 the check gives; `taken` names the group and place.
 */
async function inTransaction<T>(
  ctx: AppContext,
  taken: () => { name: string; clusterId: number } | undefined,
  work: (trx: Db) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.database.db.transaction().execute(work)
  } catch (error) {
    const conflict = isUniqueViolation(error) ? taken() : undefined
    throw conflict ? nameTaken(conflict.name, conflict.clusterId) : error
  }
}

async function loadGroup(db: Db, id: number): Promise<NodeGroupObject> {
  const group = await findNodeGroup(db, id)
  if (!group) throw errors.objectNotFound('NodeGroup')
  return group
}

export async function createNodeGroup(ctx: AppContext, input: NodeGroupCreateInput): Promise<NodeGroupObject> {
  const { cluster_id: clusterId, name } = input
  return inTransaction(
    ctx,
    () => ({ name, clusterId }),
    async (trx) => {
      const cluster = await findCluster(trx, clusterId)
      if (!cluster) throw errors.objectNotFound('Cluster')
      // Without Neutron every node shares the one admin network: there is nothing to group.
      if (cluster.netProvider !== 'neutron')
        throw errors.notAllowed('Node groups can only be created when using Neutron.')
      if (await nodeGroupNameTaken(trx, clusterId, name)) throw nameTaken(name, clusterId)
      const group = await insertNodeGroup(trx, { clusterId, name, isDefault: false })
      await ctx.extensions.fire(trx, 'onNodegroupCreate', [group])
      return group
    },
  )
}

export async function updateNodeGroup(ctx: AppContext, id: number, input: NodeGroupUpdateInput) {
  // The environment is known once the group is read; a lost rename race names it.
  let group: NodeGroupObject | undefined
  const taken = () => (group && input.name ? { name: input.name, clusterId: group.clusterId } : undefined)
  return inTransaction(ctx, taken, async (trx) => {
    const current = await loadGroup(trx, id)
    group = current
    if (input.cluster_id !== undefined && input.cluster_id !== current.clusterId) {
      throw errors.notAllowed('Node group cannot be assigned to other cluster after creation.')
    }
    if (input.name === undefined || input.name === current.name) return current
    if (await nodeGroupNameTaken(trx, current.clusterId, input.name, id)) throw nameTaken(input.name, current.clusterId)
    return renameNodeGroup(trx, id, input.name)
  })
}

export async function deleteNodeGroup(ctx: AppContext, id: number): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const group = await loadGroup(trx, id)
    if (group.isDefault) throw errors.cannotDeleteDefaultGroup()
    await ctx.extensions.fire(trx, 'onNodegroupDelete', [group])
    const nodes = await lockNodes(trx, ctx.database.dialect, await nodeIdsInGroup(trx, id))
    for (const node of nodes) await removeNodeFromCluster(ctx, trx, node)
    await deleteNodeGroupRow(trx, id)
  })
}
