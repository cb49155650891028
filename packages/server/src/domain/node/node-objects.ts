/**
 * The `nodes` part of the objects API extensions use (`ctx.objects.nodes`), bound to the caller's
 * transaction. `update` fires no events: a handler of `onNodeUpdate` that changes the node would
 * otherwise trigger itself forever; extensions that need to tell others should do so themselves.
 */
import type { NodeFilter, NodeObject, NodePatch, ObjectsApi } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { errors } from '../../errors.js'
import { listNodes } from './node-query.js'
import { findNode, hostnameTaken, type NodeFields, updateNode } from './node-repo.js'
import { serializeNode } from './node-serializer.js'

type Db = Kysely<Database>

async function listFiltered(db: Db, filter: NodeFilter = {}): Promise<NodeObject[]> {
  const nodes = await listNodes(db, { clusterId: filter.clusterId, ids: filter.ids, status: filter.status })
  const role = filter.role
  // Roles live in JSON columns; filtering them in SQL would need per-dialect JSON operators.
  return role === undefined ? nodes : nodes.filter((n) => n.roles.includes(role) || n.pendingRoles.includes(role))
}

function checkPatch(patch: NodePatch): void {
  if (patch.name !== undefined && (patch.name === '' || patch.name.length > 100)) {
    throw errors.validation('name: must be 1 to 100 characters')
  }
  if (
    patch.progress !== undefined &&
    !(Number.isInteger(patch.progress) && patch.progress >= 0 && patch.progress <= 100)
  ) {
    throw errors.validation('progress: must be an integer from 0 to 100')
  }
}

async function patchNode(db: Db, id: number, patch: NodePatch): Promise<NodeObject> {
  checkPatch(patch)
  const node = await findNode(db, id)
  if (!node) throw errors.objectNotFound('Node')
  if (patch.hostname !== undefined && patch.hostname !== node.hostname) {
    if (await hostnameTaken(db, patch.hostname, node.clusterId, id)) {
      throw errors.nodeExists(`Duplicate hostname '${patch.hostname}'.`)
    }
  }
  const { name, hostname, labels, status, errorMsg, progress } = patch
  const fields: NodeFields = { name, hostname, labels, status, errorMsg, progress }
  return updateNode(db, id, fields)
}

export function nodeObjectsApi(db: Db): ObjectsApi['nodes'] {
  return {
    get: (id) => findNode(db, id),
    list: (filter) => listFiltered(db, filter),
    update: (id, patch) => patchNode(db, id, patch),
    serialize: serializeNode,
  }
}
