/**
 * Factories for realistic test data: nailgun-agent payloads (several NICs, disks sized in bytes,
 * CPU, memory, NUMA topology, upper-case MACs as the agent sends them) and node registration.
 *
 * @example
 * ```ts
 * const node = await registerNode(t)                  // POST /api/v1/nodes, 201
 * const payload = agentPayload({ mac: node.mac })     // the same machine checking in again
 * await t.put('/api/v1/nodes/agent', payload)
 * ```
 * @module
 */
import { createHash } from 'node:crypto'
import type { TestApp } from './test-app.js'

export interface AgentNic {
  name: string
  mac: string
}

export interface AgentDisk {
  name: string
  /** Bytes, as the agent reports them. */
  size: number
}

export interface AgentPayloadOptions {
  /** PXE MAC; a fresh one when omitted. Any case: the agent sends upper-case. */
  mac?: string
  /** The NICs, or how many to generate (the first carries the PXE MAC). Default 3. */
  interfaces?: AgentNic[] | number
  disks?: AgentDisk[]
  /** `null` leaves the status out, as an agent on a provisioned node does. Default `discover`. */
  status?: string | null
}

export type AgentPayload = Record<string, unknown> & { mac: string; meta: Record<string, unknown> }

let sequence = 0

/** A MAC no other generated node uses in this process: 52:54:00 (QEMU) + a counter + the NIC index. */
export function nextMac(nic = 0): string {
  sequence++
  return macFor(sequence, nic)
}

function macFor(n: number, nic: number): string {
  const hex = (v: number) => v.toString(16).padStart(2, '0').toUpperCase()
  return ['52', '54', '00', hex((n >> 8) & 0xff), hex(n & 0xff), hex(nic)].join(':')
}

function nics(mac: string, spec: AgentNic[] | number | undefined): AgentNic[] {
  if (Array.isArray(spec)) return spec
  const count = spec ?? 3
  const base = mac.slice(0, -2)
  return Array.from({ length: count }, (_, i) => ({
    name: `eth${i}`,
    mac: i === 0 ? mac : `${base}${(0x10 + i).toString(16).toUpperCase()}`,
  }))
}

const DEFAULT_DISKS: AgentDisk[] = [
  { name: 'sda', size: 500_107_862_016 },
  { name: 'sdb', size: 1_000_204_886_016 },
]

function meta(interfaces: AgentNic[], disks: AgentDisk[]): Record<string, unknown> {
  return {
    interfaces: interfaces.map((nic, i) => ({
      name: nic.name,
      mac: nic.mac,
      max_speed: 1000,
      current_speed: i === 0 ? 1000 : null,
      state: i === 0 ? 'up' : 'down',
      driver: 'igb',
      bus_info: `0000:0${i + 1}:00.0`,
      pxe: i === 0,
      offloading_modes: [{ name: 'rx-checksumming', state: null, sub: [] }],
      ...(i === 0 ? { ip: '10.20.0.10', netmask: '255.255.255.0' } : {}),
    })),
    disks: disks.map((disk) => ({
      name: disk.name,
      model: 'ST500DM002-1BD14',
      size: disk.size,
      disk: `disk/by-path/pci-0000:00:1f.2-ata-${disk.name}`,
      extra: [`disk/by-id/ata-${disk.name}`],
      removable: '0',
    })),
    cpu: {
      real: 1,
      total: 4,
      spec: Array.from({ length: 4 }, () => ({ model: 'Intel(R) Xeon(R) CPU E5-2620 0 @ 2.00GHz', frequency: 2000 })),
    },
    memory: {
      total: 8_589_934_592,
      maximum_capacity: 34_359_738_368,
      slots: 4,
      devices: [
        { size: 4_294_967_296, frequency: 1333, type: 'DDR3' },
        { size: 4_294_967_296, frequency: 1333, type: 'DDR3' },
      ],
    },
    system: { manufacturer: 'Supermicro', product: 'X9DRW', serial: '0123456789', family: 'Server', fqdn: 'bootstrap' },
    numa_topology: {
      numa_nodes: [{ id: 0, cpus: [0, 1, 2, 3], memory: 8_589_934_592, pcidevs: ['0000:01:00.0'] }],
      supported_hugepages: [2048, 1048576],
      distances: [['1.0']],
    },
  }
}

/** sha1 over the payload, as the agent's `createsig` (the exact digest scheme does not matter to the server). */
export function agentChecksum(payload: Record<string, unknown>): string {
  const { agent_checksum: _ignored, ...rest } = payload
  return createHash('sha1').update(JSON.stringify(rest)).digest('hex')
}

/** A nailgun-agent report, ready for `POST /nodes` or `PUT /nodes/agent`. */
export function agentPayload(options: AgentPayloadOptions = {}): AgentPayload {
  const mac = (options.mac ?? nextMac()).toUpperCase()
  const payload: AgentPayload = {
    mac,
    ip: '10.20.0.10',
    manufacturer: 'Supermicro',
    platform_name: 'X9DRW',
    os_platform: 'ubuntu',
    is_agent: true,
    meta: meta(nics(mac, options.interfaces), options.disks ?? DEFAULT_DISKS),
  }
  if (options.status !== null) payload.status = options.status ?? 'discover'
  payload.agent_checksum = agentChecksum(payload)
  return payload
}

/**
 * Registers a node through `POST /api/v1/nodes` and returns its JSON. `overrides` are merged over
 * the generated payload (top-level keys); the checksum is recomputed.
 */
export async function registerNode(
  t: TestApp,
  overrides: Record<string, unknown> & AgentPayloadOptions = {},
  // biome-ignore lint/suspicious/noExplicitAny: the node JSON is read loosely in tests, like TestResponse.body
): Promise<Record<string, any>> {
  const { mac, interfaces, disks, status, ...fields } = overrides
  const payload: Record<string, unknown> = { ...agentPayload({ mac, interfaces, disks, status }), ...fields }
  payload.agent_checksum = agentChecksum(payload)
  const response = await t.post('/api/v1/nodes', payload)
  if (response.status !== 201) {
    throw new Error(`registerNode: expected 201, got ${response.status}: ${response.text}`)
  }
  return response.body
}
