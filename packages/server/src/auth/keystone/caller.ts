/**
 * Who may look at or revoke a token: its own bearer (so a reader can log out) or an administrator.
 * The /keystone routes sit outside /api and its auth hook, so they check X-Auth-Token here.
 */
import type { FastifyRequest } from 'fastify'
import { errors } from '../../errors.js'
import { authErrors } from '../auth-errors.js'
import type { KeystoneAuth } from './keystone-auth.js'
import type { TokenRecord } from './token-store.js'

export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** The subject token's record, once the caller has proven it may see it. */
export async function authorizeSubject(
  request: FastifyRequest,
  keystone: KeystoneAuth,
  subject: string,
): Promise<TokenRecord> {
  const callerToken = header(request, 'x-auth-token')
  const caller = callerToken ? await keystone.lookup(callerToken) : undefined
  if (!callerToken || !caller) throw authErrors.invalidToken()
  if (subject !== callerToken && !caller.roles.includes('admin')) throw errors.forbidden()
  const record = subject === callerToken ? caller : await keystone.lookup(subject)
  if (!record) throw authErrors.tokenNotFound()
  return record
}

/**
 * Log serializer for routes whose URL holds a token (`/tokens/<id>`): at debug level Fastify logs
 * every request's URL, and a token in a log file is a live credential.
 */
export const redactedTokenUrl = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: request.url.replace(/\/tokens\/[^/?]+/, '/tokens/<redacted>'),
    host: request.host,
    remoteAddress: request.ip,
  }),
}
