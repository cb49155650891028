/**
 * `nailgun node register --mac ... --ip ...`: reports a node the way nailgun-agent does on a
 * bootstrap node (`POST /api/nodes`), with a small hardware description. For labs and the
 * simulated orchestrator, where no real agent runs; real nodes register themselves.
 */
import type { Command } from 'commander'
import type { Json } from './api-client.js'
import { act, type CommonOptions, leaf } from './common.js'
import { printObject } from './format.js'
import { type ClientIo, usageError } from './io.js'

interface RegisterOptions extends CommonOptions {
  mac: string
  ip: string
  name?: string
  diskGb: string
  agentToken?: string
}

const MAC = /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i
const GB = 1024 ** 3

export function agentPayload(options: RegisterOptions): Json {
  if (!MAC.test(options.mac)) throw usageError(`--mac must look like 52:54:00:12:34:56, got '${options.mac}'`)
  const diskGb = Number(options.diskGb)
  if (!Number.isInteger(diskGb) || diskGb < 10) throw usageError('--disk-gb must be a whole number of at least 10')
  const mac = options.mac.toLowerCase().replaceAll('-', ':')
  return {
    mac,
    ip: options.ip,
    status: 'discover',
    ...(options.name ? { name: options.name } : {}),
    meta: {
      interfaces: [
        { name: 'eth0', mac, ip: options.ip, netmask: '255.255.255.0', current_speed: 1000, max_speed: 1000 },
      ],
      disks: [{ name: 'sda', model: 'QEMU HARDDISK', size: diskGb * GB, disk: 'sda', extra: [], removable: '0' }],
      memory: { total: 8 * GB },
      cpu: { total: 4, real: 1 },
      system: { manufacturer: 'QEMU', product: 'Standard PC' },
    },
  }
}

export function addRegisterCommand(node: Command, io: ClientIo): void {
  const register = leaf(node, 'register', 'register a node as nailgun-agent would (labs, simulated orchestrator)')
    .requiredOption('--mac <mac>', "the node's admin interface MAC address")
    .requiredOption('--ip <ip>', "the node's admin network address (e.g. 10.20.0.11)")
    .option('--name <name>', 'node name')
    .option('--disk-gb <gb>', 'size of its one disk', '100')
    .option('--agent-token <token>', 'X-Agent-Token, when the server requires one (env: NAILGUN_AGENT_TOKEN)')
  act<RegisterOptions>(io, register, async (client, options) => {
    const token = options.agentToken ?? io.env.NAILGUN_AGENT_TOKEN
    const body = agentPayload(options)
    const created = await client.post('/api/nodes', body, token ? { 'x-agent-token': token } : undefined)
    printObject(io, options, created, ['id', 'name', 'status', 'mac', 'ip'])
  })
}
