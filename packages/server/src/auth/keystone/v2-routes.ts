/**
 * Keystone v2.0 tokens, the API python-fuelclient (keystoneauth1 `v2.Password`) and fuel-ui log in
 * with: POST issues (password or rescoping), GET validates, DELETE revokes (logout).
 */
import type { FastifyInstance } from 'fastify'
import { errors } from '../../errors.js'
import { authErrors } from '../auth-errors.js'
import { authorizeSubject, redactedTokenUrl } from './caller.js'
import { baseUrlOf } from './catalog.js'
import type { IssuedToken, KeystoneAuth } from './keystone-auth.js'
import type { ProjectRef } from './projects.js'
import { TokenIdParams, V2TokenRequest } from './request-schemas.js'
import { accessBody, versionV2Body } from './v2-format.js'

export function v2Routes(ks: FastifyInstance, keystone: KeystoneAuth): void {
  ks.get('/v2.0', async (request) => versionV2Body(baseUrlOf(request)))

  ks.post('/v2.0/tokens', { schema: { body: V2TokenRequest } }, async (request) => {
    const issued = await issueV2(keystone, request.body as V2TokenRequest)
    return accessBody(issued.token, issued.record, baseUrlOf(request))
  })

  const tokenRoute = { schema: { params: TokenIdParams }, logSerializers: redactedTokenUrl }

  ks.get('/v2.0/tokens/:token_id', tokenRoute, async (request) => {
    const { token_id } = request.params as { token_id: string }
    const record = await authorizeSubject(request, keystone, token_id)
    return accessBody(token_id, record, baseUrlOf(request))
  })

  ks.delete('/v2.0/tokens/:token_id', tokenRoute, async (request, reply) => {
    const { token_id } = request.params as { token_id: string }
    await authorizeSubject(request, keystone, token_id)
    if (!(await keystone.revoke(token_id))) throw authErrors.tokenNotFound()
    return reply.code(204).send()
  })
}

function issueV2(keystone: KeystoneAuth, body: V2TokenRequest): Promise<IssuedToken> {
  const { auth } = body
  const scope: ProjectRef = { id: auth.tenantId, name: auth.tenantName }
  const credentials = auth.passwordCredentials
  if (credentials) {
    const user = credentials.username !== undefined ? { name: credentials.username } : { id: credentials.userId ?? '' }
    return keystone.issueWithPassword(user, credentials.password, scope)
  }
  if (auth.token) return keystone.rescope(auth.token.id, scope)
  throw errors.validation('Expecting to find either token or passwordCredentials in auth')
}
