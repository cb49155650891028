/** Keystone v2.0 bodies as keystoneauth1's AccessInfoV2 reads them. */
import { catalogV2 } from './catalog.js'
import { projectNamed } from './projects.js'
import type { TokenRecord } from './token-store.js'

export function accessBody(token: string, record: TokenRecord, baseUrl: string) {
  const project = projectNamed(record.tenant)
  return {
    access: {
      token: {
        id: token,
        issued_at: record.issuedAt,
        expires: record.expiresAt,
        tenant: { id: project.id, name: project.name, description: null, enabled: true },
      },
      user: {
        id: String(record.userId),
        name: record.userName,
        username: record.userName,
        roles: record.roles.map((name) => ({ name })),
        roles_links: [],
      },
      serviceCatalog: catalogV2(baseUrl),
      metadata: { is_admin: record.roles.includes('admin') ? 1 : 0, roles: [...record.roles] },
    },
  }
}

export function versionV2Body(baseUrl: string) {
  return {
    version: {
      id: 'v2.0',
      status: 'stable',
      updated: '2014-04-17T00:00:00Z',
      links: [{ rel: 'self', href: `${baseUrl}/keystone/v2.0/` }],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v2.0+json' }],
    },
  }
}
