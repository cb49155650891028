/**
 * A node's `network_scheme` (version 1.1, Linux bridges, OVS for Neutron's own bridges): physical
 * interfaces, the transformations that build bridges and ports, the addressed endpoints and the
 * network-role → bridge map.
 *
 * Networks go on NICs by a fixed rule, as Fuel's default interface assignment does for three NICs:
 * admin (untagged) on the PXE NIC, public (untagged) on the next NIC, management, storage (tagged
 * with the release's VLANs) and private on the third; with fewer NICs they fall back on the last
 * one available.
 */
import type { JsonObject, NodeObject } from '@nailgun/extensions'
import { errors } from '../../errors.js'
import { type AddressPlan, addressPlan } from './address-plan.js'
import { isObject } from './json.js'
import { NETWORK_BRIDGES, NETWORK_ROLES } from './network-roles.js'
import { ADMIN_NETWORK, type NetworkDef } from './networks.js'
import { type Nic, orderedNics, slaveName } from './node-info.js'
import type { SerializerInput } from './types.js'

const OVS_PATCH = { provider: 'ovs', mtu: 65000 }

interface Placement {
  network: NetworkDef
  bridge: string
  nic: Nic
  address: string
}

/** Which NIC carries which network (see the module comment). */
function nicFor(network: string, nics: readonly Nic[]): Nic {
  const [admin, second, third] = nics as [Nic, Nic?, Nic?]
  if (network === ADMIN_NETWORK) return admin
  if (network === 'public') return second ?? admin
  return third ?? second ?? admin
}

function portName(nic: Nic, vlan: number | null): string {
  return vlan === null ? nic.name : `${nic.name}.${vlan}`
}

function placements(plan: AddressPlan, node: NodeObject, nics: readonly Nic[]): Placement[] {
  const addresses = plan.byNode.get(node.id)
  if (!addresses) throw errors.invalidData(`Node '${slaveName(node)}' is not among the nodes being serialized`)
  const out: Placement[] = []
  for (const [name, bridge] of Object.entries(NETWORK_BRIDGES)) {
    const network = plan.networks.byName.get(name)
    const address = addresses.get(name)
    if (network && address) out.push({ network, bridge, nic: nicFor(name, nics), address })
  }
  return out
}

function physicalInterfaces(nics: readonly Nic[]): JsonObject {
  const out: JsonObject = {}
  for (const nic of nics) {
    const vendor: JsonObject = {}
    if (nic.driver) vendor.driver = nic.driver
    if (nic.busInfo) vendor.bus_info = nic.busInfo
    out[nic.name] = Object.keys(vendor).length > 0 ? { vendor_specific: vendor } : {}
  }
  return out
}

function endpoint(place: Placement): JsonObject {
  const vendor: JsonObject = { phy_interfaces: [place.nic.name] }
  if (place.network.vlan !== null) vendor.vlans = place.network.vlan
  return { IP: [place.address], vendor_specific: vendor }
}

/** Neutron's private network: VLAN segmentation patches br-prv to a NIC; tunnels use br-mesh. */
interface PrivateSide {
  transformations: JsonObject[]
  ports: JsonObject[]
  endpoints: JsonObject
  roles: JsonObject
}

function privateSide(plan: AddressPlan, node: NodeObject, nics: readonly Nic[]): PrivateSide {
  const nic = nicFor('private', nics)
  const meshAddress = plan.byNode.get(node.id)?.get('private')
  if (plan.networks.config.segmentationType === 'vlan' || !meshAddress) {
    return {
      transformations: [
        { action: 'add-br', name: 'br-prv', provider: 'ovs' },
        { action: 'add-br', name: 'br-aux' },
        { action: 'add-patch', bridges: ['br-prv', 'br-aux'], ...OVS_PATCH },
      ],
      ports: [{ action: 'add-port', bridge: 'br-aux', name: nic.name }],
      endpoints: { 'br-prv': { IP: 'none' } },
      roles: { 'neutron/private': 'br-prv' },
    }
  }
  const vlan = plan.networks.byName.get('private')?.vlan ?? null
  return {
    transformations: [{ action: 'add-br', name: 'br-mesh' }],
    ports: [{ action: 'add-port', bridge: 'br-mesh', name: portName(nic, vlan) }],
    endpoints: { 'br-mesh': { IP: [meshAddress] } },
    roles: { 'neutron/mesh': 'br-mesh' },
  }
}

/** The default route: through the public gateway where the node has one, else through the master. */
function setGateway(input: SerializerInput, plan: AddressPlan, endpoints: JsonObject, hasPublic: boolean): void {
  const { byName } = plan.networks
  const target = endpoints[hasPublic ? 'br-ex' : 'br-fw-admin']
  const gateway = hasPublic ? byName.get('public')?.gateway : (byName.get(ADMIN_NETWORK)?.gateway ?? input.master.ip)
  if (isObject(target) && gateway) target.gateway = gateway
}

/** Bridges first, then ports: a port can only join a bridge that already exists. */
function transformations(places: readonly Placement[], hasPublic: boolean, priv: PrivateSide): JsonObject[] {
  const floating: JsonObject[] = hasPublic
    ? [
        { action: 'add-br', name: 'br-floating', provider: 'ovs' },
        { action: 'add-patch', bridges: ['br-floating', 'br-ex'], ...OVS_PATCH },
      ]
    : []
  return [
    ...places.map((p) => ({ action: 'add-br', name: p.bridge })),
    ...floating,
    ...priv.transformations,
    ...places.map((p) => ({ action: 'add-port', bridge: p.bridge, name: portName(p.nic, p.network.vlan) })),
    ...priv.ports,
  ]
}

function endpoints(places: readonly Placement[], hasPublic: boolean, priv: PrivateSide): JsonObject {
  const out: JsonObject = Object.fromEntries(places.map((p) => [p.bridge, endpoint(p)]))
  if (hasPublic) out['br-floating'] = { IP: 'none' }
  return Object.assign(out, priv.endpoints)
}

function roleBridges(places: readonly Placement[], hasPublic: boolean, extra: JsonObject): JsonObject {
  const bridges = new Map(places.map((p) => [p.network.name, p.bridge]))
  const roles: JsonObject = {}
  for (const [role, network] of NETWORK_ROLES) {
    const bridge = bridges.get(network)
    if (bridge) roles[role] = bridge
  }
  if (hasPublic) roles['neutron/floating'] = 'br-floating'
  return Object.assign(roles, extra)
}

export function networkScheme(input: SerializerInput, node: NodeObject): JsonObject {
  const plan = addressPlan(input)
  const nics = orderedNics(node)
  const places = placements(plan, node, nics)
  const hasPublic = places.some((p) => p.network.name === 'public')
  const priv = privateSide(plan, node, nics)
  const points = endpoints(places, hasPublic, priv)
  setGateway(input, plan, points, hasPublic)
  return {
    version: '1.1',
    provider: 'lnx',
    interfaces: physicalInterfaces(nics),
    transformations: transformations(places, hasPublic, priv),
    endpoints: points,
    roles: roleBridges(places, hasPublic, priv.roles),
  }
}
