/**
 * Storage and image facts shared by the environment: Ceph placement groups sized from the OSDs,
 * the test VM image OSTF uploads to Glance.
 */
import type { JsonObject, NodeObject } from '@nailgun/extensions'
import { poolPgCounts } from './ceph-pg.js'
import { booleanAt, isObject, objectAt } from './json.js'
import { nodeRoles } from './node-info.js'

/**
 * OSDs the Ceph nodes will run: one per disk besides the one holding the OS, as the default
 * volume layout puts a full-disk Ceph partition on each. (Nailgun counted the `ceph` volumes the
 * volume_manager laid out, which this serializer does not see.)
 */
export function osdCount(nodes: readonly NodeObject[]): number {
  let count = 0
  for (const node of nodes) {
    if (node.pendingDeletion || !nodeRoles(node).includes('ceph-osd')) continue
    count += Math.max(0, (node.meta.disks?.length ?? 0) - 1)
  }
  return count
}

function poolSize(storage: JsonObject): number {
  const size = Number.parseInt(String(storage.osd_pool_size ?? '3'), 10)
  return Number.isInteger(size) && size > 0 ? size : 3
}

/** The `storage` section with `pg_num` and `per_pool_pg_nums` added. */
export function storageFacts(attrs: JsonObject, nodes: readonly NodeObject[]): JsonObject {
  const storage = objectAt(attrs, 'storage') ?? {}
  const counts = poolPgCounts(osdCount(nodes), poolSize(storage), {
    volumes: booleanAt(storage, 'volumes_ceph'),
    objects: booleanAt(storage, 'objects_ceph'),
    ephemeral: booleanAt(storage, 'ephemeral_ceph'),
    images: booleanAt(storage, 'images_ceph'),
  })
  return { ...storage, pg_num: counts.default_pg_num ?? null, per_pool_pg_nums: counts }
}

/** The CirrOS image OSTF's health checks boot; Ubuntu packages it under a different path. */
export function testVmImage(profile: string): JsonObject {
  const dir = profile.includes('ubuntu') ? '/usr/share/cirros-testvm/' : '/opt/vm/'
  return {
    container_format: 'bare',
    public: 'true',
    disk_format: 'qcow2',
    img_name: 'TestVM',
    img_path: `${dir}cirros-x86_64-disk.img`,
    os_name: 'cirros',
    min_ram: 64,
    glance_properties: '',
    properties: {},
  }
}

export function imagesInCeph(attrs: JsonObject): boolean {
  const storage = attrs.storage
  return isObject(storage) && storage.images_ceph === true
}
