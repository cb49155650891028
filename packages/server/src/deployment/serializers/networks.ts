/**
 * The environment's networks, read from the release's networks metadata (the defaults Fuel ships:
 * public 172.16.0.0/24, management 192.168.0.0/24 VLAN 101, storage 192.168.1.0/24 VLAN 102,
 * private VLAN segmentation, admin 10.20.0.0/24), plus the master's admin network as a fallback.
 */
import type { Json, JsonObject } from '@nailgun/extensions'
import { type Cidr, parseCidr } from './ipv4.js'
import { isObject, numberAt, objectAt, stringAt } from './json.js'
import type { AdminNetwork, SerializerInput } from './types.js'

export const ADMIN_NETWORK = 'fuelweb_admin'

export interface NetworkDef {
  name: string
  cidr: Cidr | null
  cidrText: string | null
  gateway: string | null
  /** VLAN tag; null = untagged. */
  vlan: number | null
  /** Explicit address range (`ip_ranges` notation); otherwise the whole CIDR. */
  ipRange: [string, string] | null
  assignVip: boolean
}

export interface NetworkConfig {
  segmentationType: string
  vlanRange: [number, number] | null
  baseMac: string
  floatingRanges: Array<[string, string]>
  internalCidr: string
  internalGateway: string
  dnsNameservers: string[]
}

export interface Networks {
  byName: Map<string, NetworkDef>
  config: NetworkConfig
}

function pair<T extends Json>(value: Json | undefined, check: (v: Json | undefined) => v is T): [T, T] | null {
  return Array.isArray(value) && value.length === 2 && check(value[0]) && check(value[1]) ? [value[0], value[1]] : null
}

const isString = (v: Json | undefined): v is string => typeof v === 'string'
const isNumber = (v: Json | undefined): v is number => typeof v === 'number'

function networkDef(raw: JsonObject): NetworkDef | undefined {
  const name = stringAt(raw, 'name')
  if (!name) return undefined
  const cidrText = stringAt(raw, 'cidr') ?? null
  return {
    name,
    cidr: cidrText ? parseCidr(cidrText) : null,
    cidrText,
    gateway: stringAt(raw, 'gateway') ?? null,
    vlan: numberAt(raw, 'vlan_start') ?? null,
    ipRange: stringAt(raw, 'notation') === 'ip_ranges' ? pair(raw.ip_range, isString) : null,
    assignVip: raw.assign_vip === true,
  }
}

function adminFallback(admin: AdminNetwork): NetworkDef {
  const cidr = parseCidr(admin.cidr)
  return {
    name: ADMIN_NETWORK,
    cidr,
    cidrText: admin.cidr,
    gateway: admin.gateway,
    vlan: null,
    ipRange: null,
    assignVip: false,
  }
}

/** Neutron's defaults (Fuel's `neutron_config` defaults) for values the release leaves out. */
function networkConfig(raw: JsonObject | undefined): NetworkConfig {
  const floating = Array.isArray(raw?.floating_ranges) ? raw.floating_ranges : []
  const dns = Array.isArray(raw?.dns_nameservers) ? raw.dns_nameservers.filter(isString) : null
  return {
    segmentationType: stringAt(raw, 'segmentation_type') ?? 'vlan',
    vlanRange: pair(raw?.vlan_range, isNumber),
    baseMac: stringAt(raw, 'base_mac') ?? 'fa:16:3e:00:00:00',
    floatingRanges: floating.map((r) => pair(r, isString)).filter((r): r is [string, string] => r !== null),
    internalCidr: stringAt(raw, 'internal_cidr') ?? '192.168.111.0/24',
    internalGateway: stringAt(raw, 'internal_gateway') ?? '192.168.111.1',
    dnsNameservers: dns ?? ['8.8.4.4', '8.8.8.8'],
  }
}

/** The networks of the cluster's network provider (`networks_metadata.<provider>`). */
export function releaseNetworks(input: SerializerInput): Networks {
  const metadata = input.release.networksMetadata
  const provider = objectAt(metadata, input.cluster.netProvider) ?? objectAt(metadata, 'neutron')
  const byName = new Map<string, NetworkDef>()
  for (const raw of Array.isArray(provider?.networks) ? provider.networks : []) {
    const def = isObject(raw) ? networkDef(raw) : undefined
    if (def) byName.set(def.name, def)
  }
  if (!byName.has(ADMIN_NETWORK) && input.master.adminNetwork) {
    byName.set(ADMIN_NETWORK, adminFallback(input.master.adminNetwork))
  }
  return { byName, config: networkConfig(objectAt(provider, 'config')) }
}
