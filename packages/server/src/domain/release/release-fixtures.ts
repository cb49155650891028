/**
 * The releases a fresh installation offers, with the roles, settings, volumes and networks
 * metadata Fuel shipped for them (trimmed to what this server uses).
 */
import type { JsonObject, RoleMetadata } from '@nailgun/extensions'

export interface ReleaseFixture {
  name: string
  version: string
  description: string
  operatingSystem: string
  state: 'available' | 'unavailable' | 'manageonly'
  isDeployable: boolean
  modes: string[]
  rolesMetadata: Record<string, RoleMetadata>
  attributesMetadata: JsonObject
  volumesMetadata: JsonObject
  networksMetadata: JsonObject
  extensions: string[]
}

const roles: Record<string, RoleMetadata> = {
  controller: {
    name: 'Controller',
    description: 'The Controller initiates orchestration activities and provides an external API.',
    conflicts: ['compute', 'ceph-osd'],
    limits: { min: 1, overrides: [{ condition: "cluster:mode == 'multinode'", max: 1 }], recommended: 3 },
    has_primary: true,
    public_ip_required: true,
    update_required: ['compute', 'cinder'],
    weight: 10,
  },
  compute: {
    name: 'Compute',
    description: 'A Compute node creates, manages, and terminates virtual machine instances.',
    conflicts: ['controller', 'mongo'],
    limits: { recommended: 1 },
    weight: 20,
  },
  cinder: {
    name: 'Cinder',
    description: 'Cinder provides scheduling of block storage resources, delivered over iSCSI.',
    conflicts: ['mongo'],
    limits: { recommended: 1 },
    weight: 30,
  },
  'cinder-block-device': {
    name: 'Cinder Block Device',
    description: 'Host node for Cinder Block Devices.',
    conflicts: ['controller', 'cinder'],
    weight: 35,
  },
  'ceph-osd': {
    name: 'Ceph OSD',
    description: 'Ceph storage can be configured to provide storage for block volumes, images and objects.',
    conflicts: ['controller', 'mongo'],
    limits: { min: 0, recommended: 3 },
    weight: 40,
  },
  mongo: {
    name: 'Telemetry - MongoDB',
    description: 'A feature-complete and recommended database for storage of metering data.',
    conflicts: ['compute', 'ceph-osd', 'cinder'],
    has_primary: true,
    weight: 60,
  },
  'base-os': {
    name: 'Operating System',
    description: 'Install base Operating System without additional packages and configuration.',
    conflicts: ['controller', 'compute', 'cinder', 'ceph-osd', 'mongo'],
    weight: 70,
  },
  virt: {
    name: 'Virtual',
    description: 'Allows to spawn virtual machines on this node.',
    conflicts: ['controller', 'cinder', 'ceph-osd', 'mongo'],
    weight: 80,
  },
}

const setting = (label: string, value: string | boolean | number, type: string, weight: number) => ({
  label,
  value,
  type,
  weight,
})

const attributes: JsonObject = {
  editable: {
    access: {
      metadata: { label: 'OpenStack Access', weight: 10, group: 'general' },
      user: setting('Username', 'admin', 'text', 10),
      password: setting('Password', 'admin', 'password', 20),
      tenant: setting('Tenant', 'admin', 'text', 30),
      email: setting('Email', 'admin@localhost', 'text', 40),
    },
    common: {
      metadata: { label: 'Common', weight: 30, group: 'general' },
      debug: setting('OpenStack debug logging', false, 'checkbox', 20),
      libvirt_type: setting('Hypervisor type', 'qemu', 'radio', 30),
      auto_assign_floating_ip: setting('Auto assign floating IP', false, 'checkbox', 40),
    },
    kernel_params: {
      metadata: { label: 'Kernel parameters', weight: 40, group: 'general' },
      kernel: setting(
        'Initial parameters',
        'console=tty0 net.ifnames=0 biosdevname=0 rootdelay=90 nomodeset',
        'text',
        45,
      ),
    },
    provision: {
      metadata: { label: 'Provision', weight: 50, group: 'general' },
      method: setting('Provision method', 'image', 'radio', 50),
    },
    storage: {
      metadata: { label: 'Storage', weight: 60, group: 'storage' },
      volumes_lvm: setting('Cinder LVM over iSCSI for volumes', true, 'checkbox', 10),
      volumes_ceph: setting('Ceph RBD for volumes (Cinder)', false, 'checkbox', 20),
      images_ceph: setting('Ceph RBD for images (Glance)', false, 'checkbox', 30),
      ephemeral_ceph: setting('Ceph RBD for ephemeral volumes (Nova)', false, 'checkbox', 40),
      objects_ceph: setting('Ceph RadosGW for objects (Swift API)', false, 'checkbox', 50),
      osd_pool_size: setting('Ceph object replication factor', '3', 'text', 60),
    },
    syslog: {
      metadata: { label: 'Syslog', weight: 70, group: 'logging' },
      syslog_server: setting('Hostname', '', 'text', 10),
      syslog_port: setting('Port', '514', 'text', 20),
    },
    public_network_assignment: {
      metadata: { label: 'Public network assignment', weight: 80, group: 'network' },
      assign_to_all_nodes: setting('Assign public network to all nodes', false, 'checkbox', 10),
    },
  },
  generated: {
    mysql: { root_password: { generator: 'password' } },
    keystone: { admin_token: { generator: 'password' } },
  },
}

const volumes: JsonObject = {
  volumes: [
    {
      id: 'os',
      type: 'vg',
      min_size: { generator: 'calc_min_os_size' },
      label: 'Base System',
      volumes: [
        { mount: '/', type: 'lv', name: 'root', size: { generator: 'calc_total_root_vg' } },
        { mount: 'swap', type: 'lv', name: 'swap', size: { generator: 'calc_swap_size' } },
      ],
    },
    {
      id: 'vm',
      type: 'vg',
      min_size: { generator: 'calc_min_vm_size' },
      label: 'Virtual Storage',
      volumes: [{ mount: '/var/lib/nova', type: 'lv', name: 'nova', size: { generator: 'calc_total_vg' } }],
    },
    {
      id: 'image',
      type: 'vg',
      min_size: { generator: 'calc_min_glance_size' },
      label: 'Image Storage',
      volumes: [{ mount: '/var/lib/glance', type: 'lv', name: 'glance', size: { generator: 'calc_total_vg' } }],
    },
    { id: 'cinder', type: 'vg', min_size: { generator: 'calc_min_cinder_size' }, label: 'Cinder', volumes: [] },
    { id: 'ceph', type: 'partition', min_size: { generator: 'calc_min_ceph_size' }, label: 'Ceph', volumes: [] },
  ],
  volumes_roles_mapping: {
    controller: [
      { allocate_size: 'min', id: 'os' },
      { allocate_size: 'all', id: 'image' },
    ],
    compute: [
      { allocate_size: 'min', id: 'os' },
      { allocate_size: 'all', id: 'vm' },
    ],
    cinder: [
      { allocate_size: 'min', id: 'os' },
      { allocate_size: 'all', id: 'cinder' },
    ],
    'cinder-block-device': [{ allocate_size: 'min', id: 'os' }],
    'ceph-osd': [
      { allocate_size: 'min', id: 'os' },
      { allocate_size: 'full-disk', id: 'ceph' },
    ],
    mongo: [{ allocate_size: 'min', id: 'os' }],
    'base-os': [{ allocate_size: 'all', id: 'os' }],
    virt: [
      { allocate_size: 'min', id: 'os' },
      { allocate_size: 'all', id: 'vm' },
    ],
  },
}

const networks: JsonObject = {
  neutron: {
    networks: [
      {
        name: 'public',
        cidr: '172.16.0.0/24',
        gateway: '172.16.0.1',
        vlan_start: null,
        notation: 'ip_ranges',
        ip_range: ['172.16.0.2', '172.16.0.126'],
        map_priority: 1,
        assign_vip: true,
      },
      {
        name: 'management',
        cidr: '192.168.0.0/24',
        gateway: null,
        vlan_start: 101,
        notation: 'cidr',
        map_priority: 2,
        assign_vip: true,
      },
      {
        name: 'storage',
        cidr: '192.168.1.0/24',
        gateway: null,
        vlan_start: 102,
        notation: 'cidr',
        map_priority: 2,
        assign_vip: false,
      },
      {
        name: 'private',
        cidr: null,
        gateway: null,
        vlan_start: null,
        notation: null,
        map_priority: 2,
        assign_vip: false,
        seg_type: 'vlan',
      },
      {
        name: 'fuelweb_admin',
        cidr: '10.20.0.0/24',
        gateway: '10.20.0.2',
        vlan_start: null,
        notation: 'ip_ranges',
        ip_range: ['10.20.0.3', '10.20.0.254'],
        map_priority: 0,
        assign_vip: false,
      },
    ],
    config: {
      vlan_range: [1000, 1030],
      base_mac: 'fa:16:3e:00:00:00',
      segmentation_type: 'vlan',
      floating_ranges: [['172.16.0.130', '172.16.0.254']],
    },
  },
}

const common = {
  rolesMetadata: roles,
  attributesMetadata: attributes,
  volumesMetadata: volumes,
  networksMetadata: networks,
}

export const RELEASE_FIXTURES: readonly ReleaseFixture[] = Object.freeze([
  {
    name: 'Mitaka on Ubuntu 14.04',
    version: 'mitaka-9.0',
    description: 'This option will install the OpenStack Mitaka packages using Ubuntu as a base operating system.',
    operatingSystem: 'Ubuntu',
    state: 'available',
    isDeployable: true,
    modes: ['ha_compact'],
    extensions: ['volume_manager'],
    ...common,
  },
  {
    name: 'Newton on Ubuntu 16.04',
    version: 'newton-10.0',
    description: 'This option will install the OpenStack Newton packages using Ubuntu as a base operating system.',
    operatingSystem: 'Ubuntu',
    state: 'available',
    isDeployable: true,
    modes: ['ha_compact'],
    extensions: ['volume_manager'],
    ...common,
  },
  {
    name: 'Liberty on Ubuntu 14.04',
    version: 'liberty-8.0',
    description: 'OpenStack Liberty; kept to manage existing environments, new ones cannot be deployed.',
    operatingSystem: 'Ubuntu',
    state: 'manageonly',
    isDeployable: false,
    modes: ['ha_compact'],
    extensions: [],
    ...common,
  },
])
