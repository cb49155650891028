/**
 * Node operations behind the REST routes and other slices: reads, single and bulk updates (each
 * one transaction, all-or-nothing), deletion with its events, and removal from an environment.
 */
import type { NodeObject } from '@nailgun/extensions'
import type { Kysely, Selectable } from 'kysely'
import type { AppContext } from '../../context.js'
import type { Database, NodeTable } from '../../db/schema.js'
import { errors } from '../../errors.js'
import type { ExtensionHost } from '../../extensions/extension-host.js'
import { normalizeMac } from './node-meta.js'
import { countNodes, listNodeRows, listNodes, type NodeListFilter, type NodePageRequest } from './node-query.js'
import { deleteNodeRows, lockNodes, nodeIdsByMacs } from './node-repo.js'
import type { NodeBulkItemInput, NodeUpdateInput } from './node-schema.js'
import { conflictOnDuplicate } from './node-tx.js'
import { applyNodeUpdate, type NodeChange, nodeUpdateContext } from './node-update.js'

type Db = Kysely<Database>

export interface NodePage {
  /** The page's rows, for the list's serializer (it uses the stored meta text). */
  rows: Selectable<NodeTable>[]
  total: number
}

export async function listNodePage(ctx: AppContext, filter: NodeListFilter, page: NodePageRequest): Promise<NodePage> {
  const { db } = ctx.database
  const total = await countNodes(db, filter)
  const offset = page.offset ?? 0
  if (offset > 0 && offset >= total) throw errors.rangeNotSatisfiable(`Offset ${offset} is beyond the ${total} objects`)
  return { rows: await listNodeRows(db, filter, page), total }
}

/** The operator's snake_case fields as a NodeChange (`cluster` is the old clients' `cluster_id`). */
export function toNodeChange(input: NodeUpdateInput): NodeChange {
  return {
    name: input.name,
    hostname: input.hostname,
    labels: input.labels,
    roles: input.roles,
    pendingRoles: input.pending_roles,
    clusterId: input.cluster_id !== undefined ? input.cluster_id : input.cluster,
    groupId: input.group_id,
    pendingAddition: input.pending_addition,
    pendingDeletion: input.pending_deletion,
    status: input.status,
    errorType: input.error_type,
    errorMsg: input.error_msg,
    progress: input.progress,
    online: input.online,
    kernelParams: input.kernel_params,
    meta: input.meta,
    ip: input.ip,
    manufacturer: input.manufacturer,
    platformName: input.platform_name,
    osPlatform: input.os_platform,
  }
}

function inTransaction<T>(ctx: AppContext, work: (trx: Db) => Promise<T>): Promise<T> {
  const run = ctx.database.db.transaction().execute(work)
  return conflictOnDuplicate(run, () => errors.nodeExists('A node with this MAC address already exists'))
}

export async function updateOneNode(ctx: AppContext, id: number, input: NodeUpdateInput): Promise<NodeObject> {
  return inTransaction(ctx, async (trx) => {
    const [node] = await lockNodes(trx, ctx.database.dialect, [id])
    if (!node) throw errors.objectNotFound('Node')
    return applyNodeUpdate(nodeUpdateContext(ctx, trx), node, toNodeChange(input))
  })
}

function notFound(ids: readonly number[], macs: readonly string[]) {
  const what = [...ids.map((id) => `id ${id}`), ...macs.map((mac) => `mac ${mac}`)]
  return errors.objectsNotFound(`Can't find nodes: ${what.join(', ')}`)
}

/**
 * Locks the nodes a bulk update names (by `id`, else by `mac`: PXE or NIC MAC) and returns, per
 * item, its node id; fails naming every item that matches no node.
 */
async function resolveBulk(ctx: AppContext, trx: Db, items: readonly NodeBulkItemInput[]) {
  if (items.some((item) => item.id === undefined && item.mac === undefined)) throw errors.nodeIdentifierMissing()
  const macOf = (item: NodeBulkItemInput) => normalizeMac(item.mac as string)
  const owners = await nodeIdsByMacs(trx, items.filter((i) => i.id === undefined).map(macOf))
  const missingMacs = items.filter((i) => i.id === undefined && !owners.has(macOf(i))).map(macOf)
  const ids = items.map((item) => item.id ?? owners.get(macOf(item)) ?? 0).filter((id) => id > 0)
  const nodes = await lockNodes(trx, ctx.database.dialect, [...new Set(ids)])
  const missingIds = [...new Set(ids)].filter((id) => !nodes.some((n) => n.id === id))
  if (missingIds.length > 0 || missingMacs.length > 0) throw notFound(missingIds, missingMacs)
  return { ids, nodes }
}

/** `PUT /nodes`: every item or none. Items naming the same node apply in order. */
export async function updateManyNodes(ctx: AppContext, items: readonly NodeBulkItemInput[]): Promise<NodeObject[]> {
  return inTransaction(ctx, async (trx) => {
    const { ids, nodes } = await resolveBulk(ctx, trx, items)
    const current = new Map(nodes.map((n) => [n.id, n]))
    const uc = nodeUpdateContext(ctx, trx)
    for (const [i, item] of items.entries()) {
      const node = current.get(ids[i] as number) as NodeObject
      current.set(node.id, await applyNodeUpdate(uc, node, toNodeChange(item)))
    }
    return [...current.values()].sort((a, b) => a.id - b.id)
  })
}

/**
 * Deletes nodes inside the caller's transaction: `onNodeDelete` for each (its row still there),
 * then `onNodeCollectionDelete` once with all ids, then the rows (NIC rows cascade). Unknown ids
 * are ignored. Used by the deletion task and the DELETE routes.
 */
export async function deleteNodes(trx: Db, ids: readonly number[], events: ExtensionHost): Promise<NodeObject[]> {
  if (ids.length === 0) return []
  const objects = await listNodes(trx, { ids })
  const found = objects.map((n) => n.id)
  if (found.length === 0) return []
  for (const node of objects) await events.fire(trx, 'onNodeDelete', [node])
  await events.fire(trx, 'onNodeCollectionDelete', [found])
  await deleteNodeRows(trx, found)
  return objects
}
