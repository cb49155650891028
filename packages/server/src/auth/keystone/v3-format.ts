/** Keystone v3 bodies as keystoneauth1's AccessInfoV3 reads them (the token itself travels in X-Subject-Token). */
import { catalogV3 } from './catalog.js'
import { DEFAULT_DOMAIN, projectNamed } from './projects.js'
import type { TokenRecord } from './token-store.js'

export type AuthMethod = 'password' | 'token'

export function tokenBody(record: TokenRecord, baseUrl: string, methods: readonly AuthMethod[]) {
  const project = projectNamed(record.tenant)
  return {
    token: {
      methods: [...methods],
      issued_at: record.issuedAt,
      expires_at: record.expiresAt,
      user: {
        id: String(record.userId),
        name: record.userName,
        domain: { ...DEFAULT_DOMAIN },
        password_expires_at: null,
      },
      project: { id: project.id, name: project.name, domain: { ...DEFAULT_DOMAIN } },
      is_domain: false,
      roles: record.roles.map((name) => ({ id: name, name })),
      catalog: catalogV3(baseUrl),
    },
  }
}

export function versionV3Body(baseUrl: string) {
  return {
    version: {
      id: 'v3.6',
      status: 'stable',
      updated: '2016-04-04T00:00:00Z',
      links: [{ rel: 'self', href: `${baseUrl}/keystone/v3/` }],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
    },
  }
}
