/**
 * The local user store behind the Keystone-compatible endpoints. Two roles, as Fuel had them:
 * `admin` may do everything, `reader` may only read (GET). Passwords are kept as scrypt hashes
 * (passwords.ts) and never leave this module.
 */
import type { Kysely, Selectable } from 'kysely'
import type { DialectName } from '../db/dialect.js'
import { forUpdate, fromJson, isUniqueViolation, toJson } from '../db/dialect.js'
import type { Database, UserTable } from '../db/schema.js'
import { authErrors } from './auth-errors.js'
import { hashPassword, passwordProblem } from './passwords.js'

export const ROLES = ['admin', 'reader'] as const
export type Role = (typeof ROLES)[number]

export interface User {
  id: number
  name: string
  roles: Role[]
  enabled: boolean
  createdAt: string
}

const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/

export function toUser(row: Pick<Selectable<UserTable>, 'id' | 'name' | 'roles' | 'enabled' | 'created_at'>): User {
  const roles = fromJson<string[]>(row.roles, []).filter((r): r is Role => (ROLES as readonly string[]).includes(r))
  return { id: row.id, name: row.name, roles, enabled: Boolean(row.enabled), createdAt: row.created_at }
}

export function isAdmin(user: Pick<User, 'roles'>): boolean {
  return user.roles.includes('admin')
}

export function parseRole(value: string): Role {
  if ((ROLES as readonly string[]).includes(value)) return value as Role
  throw authErrors.invalidRole(value, ROLES)
}

export function checkUserName(name: string): string {
  if (!USER_NAME.test(name)) throw authErrors.invalidUserName()
  return name
}

export function checkPassword(password: string): string {
  const problem = passwordProblem(password)
  if (problem) throw authErrors.weakPassword(problem)
  return password
}

/** The user and its password hash, for the login check only. */
export async function findCredentials(
  db: Kysely<Database>,
  ref: { name: string } | { id: number },
): Promise<{ user: User; passwordHash: string } | undefined> {
  const query = db.selectFrom('users').selectAll()
  const row = await ('name' in ref
    ? query.where('name', '=', ref.name)
    : query.where('id', '=', ref.id)
  ).executeTakeFirst()
  return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'name', 'roles', 'enabled', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? toUser(row) : undefined
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'roles', 'enabled', 'created_at'])
    .orderBy('id')
    .execute()
  return rows.map(toUser)
}

export interface NewUser {
  name: string
  password: string
  role: Role
}

export async function createUser(db: Kysely<Database>, input: NewUser): Promise<User> {
  const name = checkUserName(input.name)
  const passwordHash = await hashPassword(checkPassword(input.password))
  try {
    const row = await db
      .insertInto('users')
      .values({ name, password_hash: passwordHash, roles: toJson([input.role]), enabled: true, created_at: now() })
      .returning(['id', 'name', 'roles', 'enabled', 'created_at'])
      .executeTakeFirstOrThrow()
    return toUser(row)
  } catch (error) {
    if (isUniqueViolation(error)) throw authErrors.userExists(name)
    throw error
  }
}

/**
 * Inserts the user unless one with that name exists (several servers may seed at once).
 * True when this call created it.
 */
export async function insertUserIfAbsent(
  db: Kysely<Database>,
  input: { name: string; passwordHash: string; role: Role },
): Promise<boolean> {
  const inserted = await db
    .insertInto('users')
    .values({
      name: input.name,
      password_hash: input.passwordHash,
      roles: toJson([input.role]),
      enabled: true,
      created_at: now(),
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('id')
    .execute()
  return inserted.length > 0
}

/** Sets a new password and revokes the user's tokens, so a leaked session dies with the old password. */
export async function setPassword(db: Kysely<Database>, name: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(checkPassword(password))
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('name', '=', name)
      .returning('id')
      .executeTakeFirst()
    if (!user) throw authErrors.userNotFound()
    await trx.updateTable('tokens').set({ revoked: true }).where('user_id', '=', user.id).execute()
  })
}

/** Deletes the user and (by cascade) its tokens; the last enabled administrator cannot go. */
export async function deleteUser(db: Kysely<Database>, dialect: DialectName, name: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rows = await forUpdate(
      dialect,
      trx.selectFrom('users').select(['id', 'name', 'roles', 'enabled', 'created_at']),
    ).execute()
    const users = rows.map(toUser)
    const target = users.find((u) => u.name === name)
    if (!target) throw authErrors.userNotFound()
    const otherAdmins = users.filter((u) => u.id !== target.id && u.enabled && isAdmin(u))
    if (isAdmin(target) && otherAdmins.length === 0) throw authErrors.lastAdmin()
    await trx.deleteFrom('tokens').where('user_id', '=', target.id).execute()
    await trx.deleteFrom('users').where('id', '=', target.id).execute()
  })
}

/** True when at least one enabled user holds the admin role. */
export async function hasAdmin(db: Kysely<Database>): Promise<boolean> {
  const rows = await db.selectFrom('users').select(['id', 'name', 'roles', 'enabled', 'created_at']).execute()
  return rows.map(toUser).some((u) => u.enabled && isAdmin(u))
}

function now(): string {
  return new Date().toISOString()
}
