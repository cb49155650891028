/**
 * `quantum_settings`: Neutron's L2 (segmentation, physical networks), L3 and the two networks
 * created at deployment (the tenant network and the external network with its floating range).
 */
import type { JsonObject } from '@nailgun/extensions'
import type { Networks } from './networks.js'

const INTERNAL_NET = 'admin_internal_net'
const FLOATING_NET = 'admin_floating_net'

function l2(networks: Networks): JsonObject {
  const { config } = networks
  const physNets: JsonObject = { physnet1: { bridge: 'br-floating', vlan_range: null } }
  const l2: JsonObject = { base_mac: config.baseMac, segmentation_type: config.segmentationType, phys_nets: physNets }
  if (config.segmentationType === 'vlan' && config.vlanRange) {
    physNets.physnet2 = { bridge: 'br-prv', vlan_range: config.vlanRange.join(':') }
  } else if (config.segmentationType !== 'vlan') {
    l2.tunnel_id_ranges = '2:65535'
  }
  return l2
}

function internalNet(networks: Networks, tenant: string): JsonObject {
  const { config } = networks
  return {
    L3: {
      subnet: config.internalCidr,
      gateway: config.internalGateway,
      nameservers: [...config.dnsNameservers],
      floating: null,
      enable_dhcp: true,
    },
    L2: {
      network_type: config.segmentationType,
      segment_id: null,
      router_ext: false,
      physnet: config.segmentationType === 'vlan' ? 'physnet2' : null,
    },
    tenant,
    shared: false,
  }
}

function floatingNet(networks: Networks, tenant: string): JsonObject {
  const pub = networks.byName.get('public')
  return {
    L3: {
      subnet: pub?.cidrText ?? null,
      gateway: pub?.gateway ?? null,
      nameservers: [],
      floating: networks.config.floatingRanges.map((range) => range.join(':')),
      enable_dhcp: false,
    },
    L2: { network_type: 'flat', segment_id: null, router_ext: true, physnet: 'physnet1' },
    tenant,
    shared: false,
  }
}

export function neutronSettings(networks: Networks, tenant: string): JsonObject {
  return {
    L2: l2(networks),
    L3: { use_namespaces: true },
    predefined_networks: {
      [INTERNAL_NET]: internalNet(networks, tenant),
      [FLOATING_NET]: floatingNet(networks, tenant),
    },
    default_private_net: INTERNAL_NET,
    default_floating_net: FLOATING_NET,
  }
}
