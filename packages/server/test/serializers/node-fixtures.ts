/**
 * Realistic, deterministic environments for serializer tests: nodes as their agent reports them
 * (several NICs with drivers and PCI addresses, disks sized in bytes, CPUs, memory), the Mitaka
 * release as shipped, an HA cluster with its settings, and the master's settings.
 */
import type { ClusterObject, JsonObject, NodeObject, NodeStatus, ReleaseObject } from '@nailgun/extensions'
import { formatIpv4, parseIpv4 } from '../../src/deployment/serializers/ipv4.js'
import { masterSettings } from '../../src/deployment/serializers/master-settings.js'
import type { MasterSettings, SerializerInput } from '../../src/deployment/serializers/types.js'
import { RELEASE_FIXTURES } from '../../src/domain/release/release-fixtures.js'

const GB = 1024 ** 3

interface HardwareProfile {
  nics: Array<{ driver: string; speed: number }>
  /** Disk sizes in bytes, as `lsblk` reports them. */
  disks: Array<{ size: number; model: string }>
  cpu: { model: string; frequency: number; sockets: number; threads: number }
  memory: number
  product: string
}

/** Controllers: 1G PXE + two 10G ports, SSD for the OS and a data disk. */
export const CONTROLLER_HARDWARE: HardwareProfile = {
  nics: [
    { driver: 'igb', speed: 1000 },
    { driver: 'ixgbe', speed: 10000 },
    { driver: 'ixgbe', speed: 10000 },
  ],
  disks: [
    { size: 480_103_981_056, model: 'INTEL SSDSC2BB48' },
    { size: 1_000_204_886_016, model: 'ST1000NM0033-9ZM' },
  ],
  cpu: { model: 'Intel(R) Xeon(R) CPU E5-2650 v4 @ 2.20GHz', frequency: 2200, sockets: 2, threads: 24 },
  memory: 64 * GB,
  product: 'X10DRi',
}

/** Computes: same NICs, three disks, more memory. */
export const COMPUTE_HARDWARE: HardwareProfile = {
  ...CONTROLLER_HARDWARE,
  disks: [
    { size: 480_103_981_056, model: 'INTEL SSDSC2BB48' },
    { size: 2_000_398_934_016, model: 'ST2000NM0033-9ZM' },
    { size: 2_000_398_934_016, model: 'ST2000NM0033-9ZM' },
  ],
  memory: 128 * GB,
}

const hex = (value: number) => value.toString(16).padStart(2, '0')

/** QEMU-range MAC unique per node id (up to 65535) and NIC index. */
export function macFor(id: number, nic: number): string {
  return ['52', '54', '00', hex((id >> 8) & 0xff), hex(id & 0xff), hex(0x10 + nic)].join(':')
}

/** The DHCP address the admin network gave the node: after the master (.2), by id. */
export function adminIpFor(id: number, network = '10.20.0.0'): string {
  return formatIpv4(parseIpv4(network) + 2 + id)
}

function agentMeta(id: number, hw: HardwareProfile): JsonObject {
  return {
    interfaces: hw.nics.map((nic, i) => ({
      name: `eth${i}`,
      mac: macFor(id, i).toUpperCase(),
      driver: nic.driver,
      bus_info: `0000:0${i + 1}:00.0`,
      max_speed: nic.speed,
      current_speed: nic.speed,
      state: 'up',
      pxe: i === 0,
      ...(i === 0 ? { ip: adminIpFor(id), netmask: '255.255.255.0' } : {}),
    })),
    disks: hw.disks.map((disk, i) => ({
      name: `sd${String.fromCharCode(97 + i)}`,
      model: disk.model,
      size: disk.size,
      disk: `disk/by-path/pci-0000:00:1f.2-ata-${i + 1}`,
      extra: [`disk/by-id/ata-${disk.model.replaceAll(' ', '_')}_${id}${i}`],
      removable: '0',
    })),
    cpu: {
      real: hw.cpu.sockets,
      total: hw.cpu.threads,
      spec: Array.from({ length: hw.cpu.threads }, () => ({ model: hw.cpu.model, frequency: hw.cpu.frequency })),
    },
    memory: {
      total: hw.memory,
      maximum_capacity: hw.memory * 4,
      slots: 8,
      devices: [{ size: hw.memory, type: 'DDR4' }],
    },
    system: { manufacturer: 'Supermicro', product: hw.product, serial: `S${100000 + id}`, fqdn: 'bootstrap' },
  }
}

export interface NodeSpec {
  id: number
  roles?: string[]
  pendingRoles?: string[]
  hardware?: HardwareProfile
  status?: NodeStatus
  primaryTags?: string[]
  pendingDeletion?: boolean
  adminNetwork?: string
}

/** A node in an environment, as the server holds it after the agent's report and role assignment. */
export function agentNode(spec: NodeSpec): NodeObject {
  const { id } = spec
  const hw =
    spec.hardware ??
    ((spec.pendingRoles ?? spec.roles ?? []).includes('controller') ? CONTROLLER_HARDWARE : COMPUTE_HARDWARE)
  const mac = macFor(id, 0)
  return {
    id,
    uuid: `7b3e5c1a-0000-4000-8000-${String(id).padStart(12, '0')}`,
    name: `Untitled (${mac.slice(-5)})`,
    hostname: `node-${id}`,
    fqdn: `node-${id}.test.domain.local`,
    mac,
    ip: adminIpFor(id, spec.adminNetwork),
    status: spec.status ?? 'discover',
    errorType: null,
    errorMsg: null,
    progress: 0,
    online: true,
    clusterId: 1,
    groupId: 1,
    roles: spec.roles ?? [],
    pendingRoles: spec.pendingRoles ?? [],
    primaryTags: spec.primaryTags ?? [],
    pendingAddition: (spec.roles ?? []).length === 0,
    pendingDeletion: spec.pendingDeletion ?? false,
    labels: {},
    meta: agentMeta(id, hw),
    manufacturer: 'Supermicro',
    platformName: hw.product,
    osPlatform: 'ubuntu',
    kernelParams: null,
    extensions: [],
    replacedDeploymentInfo: [],
    replacedProvisioningInfo: {},
    timestamp: '2024-03-01T10:00:00.000Z',
  }
}

export function mitakaRelease(networksMetadata?: JsonObject): ReleaseObject {
  const fixture = structuredClone(RELEASE_FIXTURES[0]!)
  return { id: 1, ...fixture, ...(networksMetadata ? { networksMetadata } : {}) }
}

export function haCluster(release: ReleaseObject): ClusterObject {
  return {
    id: 1,
    name: 'production',
    mode: 'ha_compact',
    status: 'new',
    netProvider: 'neutron',
    releaseId: release.id,
    fuelVersion: '9.0',
    isCustomized: false,
    extensions: [...release.extensions],
    attributes: structuredClone((release.attributesMetadata.editable ?? {}) as JsonObject),
    replacedDeploymentInfo: {},
    replacedProvisioningInfo: {},
  }
}

export function fuelMaster(): MasterSettings {
  return masterSettings(
    { ip: '10.20.0.2', enginePassword: 'Xn3vQ8rTf2Lk', mcoPassword: 'h7GdW2pYs9Ze', mcoPskey: 'unset' },
    { authorizedKeys: ['ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDc4Xq9 root@fuel.test.domain.local'] },
  )
}

export function environment(nodes: NodeObject[], release = mitakaRelease()): SerializerInput {
  const cluster = haCluster(release)
  return {
    release,
    cluster,
    nodes,
    nodeGroups: [{ id: 1, clusterId: cluster.id, name: 'default', isDefault: true }],
    master: fuelMaster(),
    generatedAttributes: { mysql: { root_password: 'Ub7mQa3LrW9c' }, keystone: { admin_token: 'Pz4kVn8TqJ2s' } },
  }
}

/** Controller, compute, and a node with both cinder and compute. */
export function threeNodeEnvironment(): SerializerInput {
  return environment([
    agentNode({ id: 1, pendingRoles: ['controller'] }),
    agentNode({ id: 2, pendingRoles: ['compute'] }),
    agentNode({ id: 3, pendingRoles: ['cinder', 'compute'] }),
  ])
}

/** The release's networks widened to /16, as large environments configure them. */
export function largeNetworks(): JsonObject {
  const networks = (mitakaRelease().networksMetadata.neutron as JsonObject).networks as JsonObject[]
  const wide: Record<string, JsonObject> = {
    public: { cidr: '172.16.0.0/16', gateway: '172.16.0.1', ip_range: ['172.16.0.2', '172.16.127.254'] },
    management: { cidr: '10.100.0.0/16' },
    storage: { cidr: '10.101.0.0/16' },
    fuelweb_admin: { cidr: '10.20.0.0/16', ip_range: ['10.20.0.3', '10.20.255.254'] },
  }
  const neutron = mitakaRelease().networksMetadata.neutron as JsonObject
  return { neutron: { ...neutron, networks: networks.map((net) => ({ ...net, ...(wide[String(net.name)] ?? {}) })) } }
}

/** 3 controllers, then computes, every tenth node also a cinder node. */
export function largeEnvironment(count: number): SerializerInput {
  const nodes = Array.from({ length: count }, (_, i) => {
    const id = i + 1
    const roles = id <= 3 ? ['controller'] : id % 10 === 0 ? ['cinder', 'compute'] : ['compute']
    return agentNode({ id, pendingRoles: roles })
  })
  return environment(nodes, mitakaRelease(largeNetworks()))
}
