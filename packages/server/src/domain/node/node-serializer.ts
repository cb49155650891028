/** The JSON the REST API shows for a node (Nailgun's NodeSerializer fields, snake_case). */
import type { Json, JsonObject, NodeObject, NodeStatus } from '@nailgun/extensions'
import type { Selectable } from 'kysely'
import type { NodeTable } from '../../db/schema.js'
import { RawJson } from '../../http/raw-json.js'
import { toNodeObjectWithoutMeta } from './node-mapper.js'
import { normalizeMeta } from './node-meta.js'

/**
 * The status clients see (Nailgun's `Node.get_status`): a node with progress between 0 and 100 is
 * shown in the transitional status its pending flags imply, so the UI never shows a node that is
 * half-way through a deployment as `discover` or `ready`.
 */
export function displayStatus(node: NodeObject): NodeStatus {
  if (node.status === 'deploying' || node.status === 'provisioning' || node.status === 'removing') return node.status
  if (node.progress > 0 && node.progress < 100) {
    if (node.pendingDeletion) return 'removing'
    if (node.pendingAddition) return 'provisioning'
    return 'deploying'
  }
  return node.status
}

export function serializeNode(node: NodeObject): JsonObject {
  return serializeWithMeta(node, normalizeMeta(node.meta) as JsonObject)
}

/**
 * The placeholder replaced by the stored text. Only its first occurrence is replaced, and no field
 * before `meta` can contain it: they are numbers, booleans and strings (whose quotes JSON escapes).
 */
const META_SLOT = ',"meta":0,'

/**
 * A node of `GET /nodes`, with the row's stored `meta` text spliced in unparsed. Meta is stored
 * normalized (node-repo.ts `toNodeColumns`, migration 0007), so parsing it only to print it again
 * was most of the list's cost: about half its bytes, read for 10,000 nodes per request.
 */
export function nodeJsonWithStoredMeta(row: Selectable<NodeTable>): RawJson {
  const meta = row.meta ? row.meta : JSON.stringify(normalizeMeta({}))
  const json = JSON.stringify(serializeWithMeta(toNodeObjectWithoutMeta(row), 0))
  return new RawJson(json.replace(META_SLOT, () => `,"meta":${meta},`))
}

function serializeWithMeta(node: NodeObject, meta: Json): JsonObject {
  return {
    id: node.id,
    uuid: node.uuid,
    name: node.name,
    status: displayStatus(node),
    error_type: node.errorType,
    error_msg: node.errorMsg,
    progress: node.progress,
    online: node.online,
    mac: node.mac,
    ip: node.ip,
    hostname: node.hostname,
    fqdn: node.fqdn,
    cluster: node.clusterId,
    group_id: node.groupId,
    roles: node.roles,
    pending_roles: node.pendingRoles,
    pending_addition: node.pendingAddition,
    pending_deletion: node.pendingDeletion,
    meta,
    manufacturer: node.manufacturer,
    platform_name: node.platformName,
    os_platform: node.osPlatform,
    kernel_params: node.kernelParams,
    labels: node.labels,
    // Network assignment belongs to the network extension; clients expect the key to exist.
    network_data: [],
  }
}
