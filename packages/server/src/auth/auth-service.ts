/**
 * How the HTTP layer asks who is calling. The Keystone-compatible implementation lives in
 * keystone/; with `--auth none` every caller is an anonymous administrator.
 */
import type { CallerIdentity } from '@nailgun/extensions'

export interface AuthService {
  /** The identity behind a token, or undefined when the token is unknown, expired or revoked. */
  identify(token: string): Promise<CallerIdentity | undefined>
  readonly required: boolean
}

export const ANONYMOUS_ADMIN: CallerIdentity = Object.freeze({
  userId: 'anonymous',
  name: 'anonymous',
  roles: ['admin'],
  isAdmin: true,
})

export function noAuth(): AuthService {
  return { required: false, identify: async () => ANONYMOUS_ADMIN }
}
