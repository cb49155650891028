/**
 * Network roles (Nailgun's `network_roles_metadata`): which network, hence which bridge, a service
 * endpoint lives on. Manifests look services up by role (`keystone/api` → br-mgmt), never by bridge.
 */

/** Bridge of each network in the Linux-bridge network scheme. */
export const NETWORK_BRIDGES: Readonly<Record<string, string>> = {
  fuelweb_admin: 'br-fw-admin',
  management: 'br-mgmt',
  storage: 'br-storage',
  public: 'br-ex',
}

/** Role → network name, in the order Fuel lists them. */
export const NETWORK_ROLES: ReadonlyArray<readonly [string, string]> = [
  ['admin/pxe', 'fuelweb_admin'],
  ['fw-admin', 'fuelweb_admin'],
  ['management', 'management'],
  ['mgmt/api', 'management'],
  ['mgmt/database', 'management'],
  ['mgmt/messaging', 'management'],
  ['mgmt/corosync', 'management'],
  ['mgmt/memcache', 'management'],
  ['mgmt/vip', 'management'],
  ['keystone/api', 'management'],
  ['neutron/api', 'management'],
  ['nova/api', 'management'],
  ['nova/migration', 'management'],
  ['glance/api', 'management'],
  ['cinder/api', 'management'],
  ['heat/api', 'management'],
  ['horizon', 'management'],
  ['swift/api', 'management'],
  ['ceph/public', 'management'],
  ['murano/api', 'management'],
  ['sahara/api', 'management'],
  ['ceilometer/api', 'management'],
  ['mongo/db', 'management'],
  ['storage', 'storage'],
  ['ceph/replication', 'storage'],
  ['swift/replication', 'storage'],
  ['cinder/iscsi', 'storage'],
  ['ex', 'public'],
  ['public/vip', 'public'],
  ['ceph/radosgw', 'public'],
]
