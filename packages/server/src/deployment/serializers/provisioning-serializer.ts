/**
 * Provisioning facts: how the orchestrator installs the operating system on each node (engine,
 * per-node power, kernel, kickstart metadata and NICs) and which failures it may tolerate.
 */
import type { JsonObject, NodeObject, ProvisioningFacts, ProvisioningNodeFacts } from '@nailgun/extensions'
import { faultTolerance } from './fault-tolerance.js'
import { ksMeta } from './ks-meta.js'
import { adminIp, adminNic, type Nic, nodeNics, slaveName } from './node-info.js'
import { preProvisionTasks } from './pre-provision.js'
import { type ProvisioningContext, provisioningContext } from './provisioning-context.js'
import type { SerializerInput } from './types.js'

/** The cobbler snippets paste these values into shell unescaped, hence the quotes. */
const quoted = (value: string) => `"${value}"`

function byId(nodes: readonly NodeObject[]): NodeObject[] {
  return [...nodes].sort((a, b) => a.id - b.id)
}

type ClusterPart = Pick<ProvisioningFacts, 'engine' | 'fault_tolerance' | 'pre_provision'>

function clusterPart(input: SerializerInput): ClusterPart {
  const context = provisioningContext(input)
  const { engine, ip } = input.master
  return {
    engine: {
      url: engine.url,
      username: engine.username,
      password: engine.password,
      master_ip: ip,
      provision_method: context.method,
    },
    fault_tolerance: faultTolerance(input.release, byId(input.nodes)),
    pre_provision: preProvisionTasks(input, context),
  }
}

/** The cluster part: `engine`, `fault_tolerance`, `pre_provision`. */
export function serializeProvisioningCluster(input: SerializerInput): JsonObject {
  return { ...clusterPart(input) }
}

/**
 * Every NIC is declared so the node can PXE-boot from any of them, but only the admin one gets the
 * address, so that the node's FQDN resolves to a single IP.
 */
function interfaces(node: NodeObject, nics: readonly Nic[], admin: Nic, context: ProvisioningContext): JsonObject {
  const out: JsonObject = {}
  const extra: JsonObject = {}
  for (const nic of nics) {
    const isAdmin = nic === admin
    out[nic.name] = isAdmin
      ? {
          mac_address: nic.mac,
          static: '0',
          dns_name: node.fqdn,
          netmask: context.admin.netmask,
          ip_address: adminIp(node),
          use_for_provision: true,
        }
      : { mac_address: nic.mac, static: '0' }
    // Cobbler's interface model has no peerdns/onboot; its snippets read them from here.
    extra[nic.name] = { peerdns: 'no', onboot: isAdmin ? 'yes' : 'no' }
  }
  return { interfaces: out, interfaces_extra: extra }
}

/** One node's provisioning facts. */
export function serializeProvisioningNode(input: SerializerInput, node: NodeObject): ProvisioningNodeFacts {
  const context = provisioningContext(input)
  const { master } = input
  const nics = nodeNics(node)
  const admin = adminNic(node, nics)
  const name = slaveName(node)
  return {
    uid: String(node.id),
    power_address: adminIp(node),
    name,
    slave_name: name,
    // Cobbler takes the FQDN as the system's hostname.
    hostname: node.fqdn,
    fqdn: node.fqdn,
    // A node still in bootstrap only accepts the bootstrap image's key.
    power_pass: node.status === 'discover' ? master.bootstrapSshKeyPath : master.sshKeyPath,
    profile: context.profile,
    power_type: 'ssh',
    power_user: 'root',
    name_servers: quoted(master.dns.servers),
    name_servers_search: quoted(master.dns.search),
    netboot_enabled: '1',
    kernel_options: {
      'netcfg/choose_interface': admin.mac,
      // Keeps NIC names stable across the reboot into the installed system.
      udevrules: nics.map((nic) => `${nic.mac}_${nic.name}`).join(','),
    },
    ks_meta: ksMeta(input, node, context),
    ...interfaces(node, nics, admin, context),
  }
}

/** Cluster part and every node (by id). */
export function serializeProvisioning(input: SerializerInput): ProvisioningFacts {
  return { ...clusterPart(input), nodes: byId(input.nodes).map((node) => serializeProvisioningNode(input, node)) }
}
