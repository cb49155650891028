/**
 * The Keystone-compatible token service: password login, token rescoping, validation and
 * revocation over the local user store. The HTTP layer only sees it as an {@link AuthService}
 * (`identify`); the /keystone routes use the rest.
 */
import type { CallerIdentity } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Config } from '../../config.js'
import type { Database } from '../../db/schema.js'
import { authErrors } from '../auth-errors.js'
import type { AuthService } from '../auth-service.js'
import { verifyDecoy, verifyPassword } from '../passwords.js'
import { findCredentials, isAdmin, setPassword, type User } from '../users.js'
import { type ProjectRef, resolveProject } from './projects.js'
import {
  deleteExpiredTokens,
  findValidToken,
  insertToken,
  newTokenId,
  revokeToken,
  type TokenRecord,
} from './token-store.js'

export interface IssuedToken {
  /** The secret the client sends back as X-Auth-Token. Never stored. */
  token: string
  record: TokenRecord
}

/** A user named by `name` (as fuelclient and fuel-ui do) or by numeric `id`. */
export type UserRef = { name: string } | { id: string }

export interface KeystoneAuth extends AuthService {
  /** Checks the password and issues a token scoped to the project; 401 on any mismatch. */
  issueWithPassword(user: UserRef, password: string, scope: ProjectRef | undefined): Promise<IssuedToken>
  /** A new token for the same user in another scope. It expires with the original, never later. */
  rescope(token: string, scope: ProjectRef | undefined): Promise<IssuedToken>
  /** The token's details, or undefined when it is unknown, expired or revoked. */
  lookup(token: string): Promise<TokenRecord | undefined>
  /** Revokes the token; false when it was not a valid token. */
  revoke(token: string): Promise<boolean>
  /**
   * The bearer changes its own password (proving the current one). Every token of the user is
   * revoked; the answer is a fresh token in the same scope.
   */
  changeOwnPassword(token: string, currentPassword: string, newPassword: string): Promise<IssuedToken>
}

export interface KeystoneOptions {
  /** The clock, injectable so tests can expire tokens without waiting. */
  now?: () => Date
  /** Where a failed clean-up of expired tokens is reported. */
  log?: { warn(obj: unknown, msg?: string): void }
}

/** Expired tokens are deleted at most this often, piggybacking on logins. */
const PRUNE_INTERVAL_MS = 10 * 60 * 1000

export function toIdentity(record: Pick<TokenRecord, 'userId' | 'userName' | 'roles'>): CallerIdentity {
  return { userId: String(record.userId), name: record.userName, roles: [...record.roles], isAdmin: isAdmin(record) }
}

export function createKeystoneAuth(
  db: Kysely<Database>,
  config: Pick<Config, 'tokenTtl'>,
  options: KeystoneOptions = {},
): KeystoneAuth {
  const now = options.now ?? (() => new Date())
  let lastPrune = 0

  async function issue(user: User, scope: ProjectRef | undefined, expiresAt?: string): Promise<IssuedToken> {
    const project = resolveProject(scope)
    const issued = now()
    const record: TokenRecord = {
      userId: user.id,
      userName: user.name,
      roles: user.roles,
      tenant: project.name,
      issuedAt: issued.toISOString(),
      expiresAt: expiresAt ?? new Date(issued.getTime() + config.tokenTtl * 1000).toISOString(),
    }
    const token = newTokenId()
    await insertToken(db, token, record)
    prune(issued)
    return { token, record }
  }

  function prune(at: Date): void {
    if (at.getTime() - lastPrune < PRUNE_INTERVAL_MS) return
    lastPrune = at.getTime()
    deleteExpiredTokens(db, at).catch((error: unknown) =>
      options.log?.warn({ err: error }, 'Could not delete expired tokens'),
    )
  }

  async function credentialsOf(ref: UserRef) {
    if ('name' in ref) return findCredentials(db, { name: ref.name })
    const id = Number(ref.id)
    return Number.isSafeInteger(id) && id > 0 ? findCredentials(db, { id }) : undefined
  }

  async function checkPassword(ref: UserRef, password: string): Promise<User> {
    const found = await credentialsOf(ref)
    const ok = found ? await verifyPassword(password, found.passwordHash) : await verifyDecoy(password)
    if (!found || !ok || !found.user.enabled) throw authErrors.invalidCredentials()
    return found.user
  }

  return {
    required: true,
    identify: async (token) => {
      const record = await findValidToken(db, token, now())
      return record ? toIdentity(record) : undefined
    },
    issueWithPassword: async (ref, password, scope) => issue(await checkPassword(ref, password), scope),
    rescope: async (token, scope) => {
      const record = await findValidToken(db, token, now())
      if (!record) throw authErrors.invalidToken()
      const user: User = { id: record.userId, name: record.userName, roles: record.roles, enabled: true, createdAt: '' }
      return issue(user, scope, record.expiresAt)
    },
    lookup: (token) => findValidToken(db, token, now()),
    revoke: (token) => revokeToken(db, token),
    changeOwnPassword: async (token, currentPassword, newPassword) => {
      const record = await findValidToken(db, token, now())
      if (!record) throw authErrors.invalidToken()
      const user = await checkPassword({ id: String(record.userId) }, currentPassword)
      await setPassword(db, user.name, newPassword)
      return issue(user, { name: record.tenant })
    },
  }
}
