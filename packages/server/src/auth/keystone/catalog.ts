/**
 * The service catalog handed out with every token: Nailgun's API (`fuel`), OSTF and the identity
 * endpoint itself, all on the host the client reached us by, so the URLs work behind any name.
 */
import type { FastifyRequest } from 'fastify'

export const REGION = 'RegionOne'

const INTERFACES = ['public', 'internal', 'admin'] as const

interface Service {
  type: string
  name: string
  path: string
}

function services(identityPath: string): Service[] {
  return [
    { type: 'fuel', name: 'nailgun', path: '/api' },
    { type: 'ostf', name: 'ostf', path: '/ostf' },
    { type: 'identity', name: 'keystone', path: identityPath },
  ]
}

/** `http://host:port` as the client addressed this server. */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`
}

/** The v2.0 catalog: one endpoint per service with publicURL/internalURL/adminURL. */
export function catalogV2(baseUrl: string) {
  return services('/keystone/v2.0').map((s) => {
    const url = `${baseUrl}${s.path}`
    return {
      type: s.type,
      name: s.name,
      endpoints: [{ id: `${s.name}-endpoint`, region: REGION, publicURL: url, internalURL: url, adminURL: url }],
      endpoints_links: [],
    }
  })
}

/** The v3 catalog: one endpoint per service and interface. */
export function catalogV3(baseUrl: string) {
  return services('/keystone/v3').map((s) => ({
    id: s.name,
    type: s.type,
    name: s.name,
    endpoints: INTERFACES.map((iface) => ({
      id: `${s.name}-${iface}`,
      interface: iface,
      region: REGION,
      region_id: REGION,
      url: `${baseUrl}${s.path}`,
    })),
  }))
}
