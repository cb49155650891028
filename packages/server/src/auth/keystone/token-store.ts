/**
 * Token persistence. A token is 32 random bytes handed to the client once; the database keeps
 * only its sha256, so a leaked database dump holds no usable token. A plain (unsalted) hash is
 * enough here because the input has 256 bits of entropy: there is nothing to brute-force.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { type Role, toUser } from '../users.js'

/** Anything longer is not one of ours; refused before hashing. */
const MAX_TOKEN_LENGTH = 256

export interface TokenRecord {
  userId: number
  userName: string
  roles: Role[]
  /** Name of the project (tenant) the token is scoped to. */
  tenant: string
  issuedAt: string
  expiresAt: string
}

export function newTokenId(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export async function insertToken(
  db: Kysely<Database>,
  token: string,
  record: Pick<TokenRecord, 'userId' | 'tenant' | 'issuedAt' | 'expiresAt'>,
): Promise<void> {
  await db
    .insertInto('tokens')
    .values({
      id: hashToken(token),
      user_id: record.userId,
      tenant: record.tenant,
      issued_at: record.issuedAt,
      expires_at: record.expiresAt,
      revoked: false,
    })
    .execute()
}

/**
 * The token's owner and scope when it is known, unexpired, unrevoked and its user enabled.
 * This runs on every authenticated request: one primary-key lookup joined to the user by its key.
 * ISO-8601 UTC timestamps compare correctly as text on both databases.
 */
export async function findValidToken(db: Kysely<Database>, token: string, now: Date): Promise<TokenRecord | undefined> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined
  const row = await db
    .selectFrom('tokens')
    .innerJoin('users', 'users.id', 'tokens.user_id')
    .select(['users.id', 'users.name', 'users.roles', 'users.enabled', 'users.created_at'])
    .select(['tokens.tenant', 'tokens.issued_at', 'tokens.expires_at'])
    .where('tokens.id', '=', hashToken(token))
    .where('tokens.revoked', '=', false)
    .where('tokens.expires_at', '>', now.toISOString())
    .where('users.enabled', '=', true)
    .executeTakeFirst()
  if (!row) return undefined
  const user = toUser(row)
  return {
    userId: user.id,
    userName: user.name,
    roles: user.roles,
    tenant: row.tenant,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
  }
}

/** Marks the token revoked; false when it was unknown or already revoked. */
export async function revokeToken(db: Kysely<Database>, token: string): Promise<boolean> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return false
  const result = await db
    .updateTable('tokens')
    .set({ revoked: true })
    .where('id', '=', hashToken(token))
    .where('revoked', '=', false)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Removes expired tokens (revoked or not): once expired they are refused anyway. */
export async function deleteExpiredTokens(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('tokens').where('expires_at', '<=', now.toISOString()).executeTakeFirst()
  return Number(result.numDeletedRows)
}
