/** Node rows to the NodeObject extensions and services work with. */
import type { NodeObject } from '@nailgun/extensions'
import type { Selectable } from 'kysely'
import { fromJson } from '../../db/dialect.js'
import type { NodeTable } from '../../db/schema.js'

/** Nailgun's default DNS domain for node FQDNs. */
export const DNS_DOMAIN = 'test.domain.local'

export function toNodeObject(row: Selectable<NodeTable>): NodeObject {
  return fromRow(row, fromJson(row.meta, {}))
}

/**
 * The row as a NodeObject with an empty `meta`, for a caller that uses the stored text itself
 * (the node list, see node-serializer.ts `nodeJsonWithStoredMeta`).
 */
export function toNodeObjectWithoutMeta(row: Selectable<NodeTable>): NodeObject {
  return fromRow(row, {})
}

function fromRow(row: Selectable<NodeTable>, meta: NodeObject['meta']): NodeObject {
  return {
    id: row.id,
    uuid: row.uuid,
    name: row.name,
    hostname: row.hostname,
    fqdn: `${row.hostname}.${DNS_DOMAIN}`,
    mac: row.mac,
    ip: row.ip,
    status: row.status as NodeObject['status'],
    errorType: row.error_type as NodeObject['errorType'],
    errorMsg: row.error_msg,
    progress: row.progress,
    online: Boolean(row.online),
    clusterId: row.cluster_id,
    groupId: row.group_id,
    roles: fromJson(row.roles, []),
    pendingRoles: fromJson(row.pending_roles, []),
    primaryTags: fromJson(row.primary_tags, []),
    pendingAddition: Boolean(row.pending_addition),
    pendingDeletion: Boolean(row.pending_deletion),
    labels: fromJson(row.labels, {}),
    meta,
    manufacturer: row.manufacturer,
    platformName: row.platform_name,
    osPlatform: row.os_platform,
    kernelParams: row.kernel_params,
    extensions: fromJson(row.extensions, []),
    replacedDeploymentInfo: fromJson(row.replaced_deployment_info, []),
    replacedProvisioningInfo: fromJson(row.replaced_provisioning_info, {}),
    timestamp: row.timestamp,
  }
}
