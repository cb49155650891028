/**
 * Environment-wide values every node's provisioning facts share, computed once per input:
 * attributes, OS profile, repositories, target images, admin network.
 */
import type { JsonObject } from '@nailgun/extensions'
import { errors } from '../../errors.js'
import { clusterAttributes } from './attributes.js'
import { netmask } from './ipv4.js'
import { isObject, objectAt, stringAt } from './json.js'
import { ADMIN_NETWORK, type NetworkDef, releaseNetworks } from './networks.js'
import { defaultImageData, defaultRepos, osCodename, osProfile } from './release-info.js'
import type { SerializerInput } from './types.js'

export interface ProvisioningContext {
  attrs: JsonObject
  profile: string
  codename: string | undefined
  /** `image` (fuel-agent writes prebuilt images) or `cobbler` (classic installer). */
  method: string
  repoSetup: JsonObject
  imageData: JsonObject
  admin: { def: NetworkDef; netmask: string; gateway: string }
}

function repoSetup(input: SerializerInput, attrs: JsonObject, codename: string | undefined): JsonObject {
  const fromAttrs = objectAt(attrs, 'repo_setup')
  if (fromAttrs && Array.isArray(fromAttrs.repos)) return fromAttrs
  return { repos: input.master.repos ?? defaultRepos(input.release, input.master.ip, codename) }
}

function adminNetwork(input: SerializerInput): ProvisioningContext['admin'] {
  const def = releaseNetworks(input).byName.get(ADMIN_NETWORK)
  if (!def?.cidr)
    throw errors.invalidData(`Release '${input.release.name}' describes no admin (${ADMIN_NETWORK}) network`)
  return { def, netmask: netmask(def.cidr.prefix), gateway: def.gateway ?? input.master.ip }
}

function build(input: SerializerInput): ProvisioningContext {
  const attrs = clusterAttributes(input)
  const profile = osProfile(input.release, attrs)
  const codename = osCodename(input.release, attrs)
  const provision = objectAt(attrs, 'provision')
  const imageData = provision?.image_data
  return {
    attrs,
    profile,
    codename,
    method: stringAt(provision, 'method') ?? 'image',
    repoSetup: repoSetup(input, attrs, codename),
    imageData: isObject(imageData) ? imageData : defaultImageData(profile, input.cluster.id, input.master.ip),
    admin: adminNetwork(input),
  }
}

const cache = new WeakMap<SerializerInput, ProvisioningContext>()

export function provisioningContext(input: SerializerInput): ProvisioningContext {
  let context = cache.get(input)
  if (!context) {
    context = build(input)
    cache.set(input, context)
  }
  return context
}
