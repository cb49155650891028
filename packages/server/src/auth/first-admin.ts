/**
 * The first administrator. There is no default password: on a database without an administrator
 * the server creates `admin` with NAILGUN_ADMIN_PASSWORD, or with a generated password that it
 * prints once on stdout (only the process that actually created the user prints it, so several
 * servers starting together on one PostgreSQL show exactly one password).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { errors } from '../errors.js'
import { generatePassword, hashPassword, passwordProblem } from './passwords.js'
import { hasAdmin, insertUserIfAbsent } from './users.js'

export const FIRST_ADMIN_NAME = 'admin'

export type FirstAdminOutcome = 'exists' | 'created-with-configured-password' | 'created-with-generated-password'

export interface FirstAdminOptions {
  /** config.adminPassword; undefined means generate one. */
  password: string | undefined
  /** Shows the generated password to the operator. Defaults to stdout, not the JSON log. */
  announce?: (text: string) => void
  log?: { info(msg: string): void }
}

export async function ensureFirstAdmin(db: Kysely<Database>, options: FirstAdminOptions): Promise<FirstAdminOutcome> {
  if (await hasAdmin(db)) {
    if (options.password !== undefined) {
      options.log?.info(
        'NAILGUN_ADMIN_PASSWORD ignored: an administrator exists (use `nailgun user passwd` to change it)',
      )
    }
    return 'exists'
  }
  const password = options.password ?? generatePassword()
  const problem = passwordProblem(password)
  if (problem) throw errors.config(`NAILGUN_ADMIN_PASSWORD ${problem}`)
  const created = await insertUserIfAbsent(db, {
    name: FIRST_ADMIN_NAME,
    passwordHash: await hashPassword(password),
    role: 'admin',
  })
  if (!created) return 'exists'
  if (options.password !== undefined) {
    options.log?.info(`Created the administrator '${FIRST_ADMIN_NAME}' with the password from NAILGUN_ADMIN_PASSWORD`)
    return 'created-with-configured-password'
  }
  options.log?.info(`Created the administrator '${FIRST_ADMIN_NAME}' with a generated password, printed once on stdout`)
  const announce = options.announce ?? ((text: string) => process.stdout.write(text))
  announce(passwordBanner(FIRST_ADMIN_NAME, password))
  return 'created-with-generated-password'
}

export function passwordBanner(user: string, password: string): string {
  const rule = '='.repeat(72)
  return [
    '',
    rule,
    `  Nailgun created the administrator account. Log in with:`,
    '',
    `    user:     ${user}`,
    `    password: ${password}`,
    '',
    '  This password is shown only this once. Change it with `nailgun user passwd admin`.',
    rule,
    '',
    '',
  ].join('\n')
}
