/**
 * Keystone v3 tokens: POST issues (201, the token in X-Subject-Token), GET validates the
 * X-Subject-Token for the X-Auth-Token bearer, DELETE revokes it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { errors } from '../../errors.js'
import { authErrors } from '../auth-errors.js'
import { authorizeSubject, header } from './caller.js'
import { baseUrlOf } from './catalog.js'
import type { IssuedToken, KeystoneAuth } from './keystone-auth.js'
import { DEFAULT_DOMAIN } from './projects.js'
import { V3TokenRequest } from './request-schemas.js'
import { type AuthMethod, tokenBody, versionV3Body } from './v3-format.js'

export function v3Routes(ks: FastifyInstance, keystone: KeystoneAuth): void {
  ks.get('/v3', async (request) => versionV3Body(baseUrlOf(request)))

  ks.post('/v3/auth/tokens', { schema: { body: V3TokenRequest } }, async (request, reply) => {
    const { issued, method } = await issueV3(keystone, request.body as V3TokenRequest, request)
    void reply.code(201).header('X-Subject-Token', issued.token)
    return tokenBody(issued.record, baseUrlOf(request), [method])
  })

  ks.get('/v3/auth/tokens', async (request) => {
    const record = await authorizeSubject(request, keystone, subjectToken(request))
    return tokenBody(record, baseUrlOf(request), ['password'])
  })

  ks.delete('/v3/auth/tokens', async (request, reply) => {
    const subject = subjectToken(request)
    await authorizeSubject(request, keystone, subject)
    if (!(await keystone.revoke(subject))) throw authErrors.tokenNotFound()
    return reply.code(204).send()
  })
}

function subjectToken(request: FastifyRequest): string {
  const subject = header(request, 'x-subject-token')
  if (!subject) throw errors.invalidData('The X-Subject-Token header is required')
  return subject
}

async function issueV3(
  keystone: KeystoneAuth,
  body: V3TokenRequest,
  request: FastifyRequest,
): Promise<{ issued: IssuedToken; method: AuthMethod }> {
  const { identity, scope } = body.auth
  if (scope && !scope.project) throw authErrors.unknownProject()
  const project = scope?.project
  if (identity.methods.includes('password')) {
    const user = identity.password?.user
    if (!user || !inDefaultDomain(user.domain)) throw authErrors.invalidCredentials()
    const ref = user.name !== undefined ? { name: user.name } : { id: user.id ?? '' }
    return { issued: await keystone.issueWithPassword(ref, user.password, project), method: 'password' }
  }
  if (identity.methods.includes('token')) {
    const token = identity.token?.id ?? header(request, 'x-auth-token')
    if (!token) throw authErrors.invalidToken()
    return { issued: await keystone.rescope(token, project), method: 'token' }
  }
  throw authErrors.unsupportedAuthMethod(identity.methods[0] ?? '')
}

/** Every user lives in the one `default` domain; naming another domain is a failed login. */
function inDefaultDomain(domain: { id?: string; name?: string } | undefined): boolean {
  if (!domain) return true
  if (domain.id !== undefined && domain.id !== DEFAULT_DOMAIN.id) return false
  return domain.name === undefined || domain.name.toLowerCase() === DEFAULT_DOMAIN.name.toLowerCase()
}
