/**
 * `nailgun user create|list|passwd|delete`: manages the users of the Keystone-compatible login
 * directly in the database (the server need not run). Passwords never go on the command line,
 * where `ps` and shell history would keep them: they are read from stdin or generated and shown once.
 */
import { Command, Option } from 'commander'
import { generatePassword } from '../auth/passwords.js'
import { createUser, deleteUser, listUsers, parseRole, ROLES, setPassword } from '../auth/users.js'
import type { DatabaseHandle } from '../db/database.js'
import { errors } from '../errors.js'
import { withDatabase } from './database.js'
import { print } from './output.js'

export function userCommand(): Command {
  const user = new Command('user').description('manage the users who can log in (roles: admin, reader)')
  user.addCommand(createCommand())
  user.addCommand(listCommand())
  user.addCommand(passwdCommand())
  user.addCommand(deleteCommand())
  return user
}

const passwordStdin = () =>
  new Option(
    '--password-stdin',
    'read the password from the first line of stdin (otherwise one is generated and shown once)',
  )

function createCommand(): Command {
  const command = new Command('create')
    .description('create a user')
    .argument('<name>', 'user name')
    .addOption(
      new Option('--role <role>', 'admin: full access; reader: read-only (GET)').choices(ROLES).default('reader'),
    )
    .addOption(passwordStdin())
  return withDatabase(command, async (database, _config, name: string) => {
    await requireSchema(database)
    const options = command.opts<{ role: string; passwordStdin?: boolean }>()
    const { password, generated } = await obtainPassword(options.passwordStdin)
    const user = await createUser(database.db, { name, password, role: parseRole(options.role) })
    print(`Created user '${user.name}' (id ${user.id}, role ${user.roles.join(', ')})`)
    if (generated) print(`Password (shown only this once): ${password}`)
  })
}

function listCommand(): Command {
  const command = new Command('list').description('list the users').option('--json', 'print JSON')
  return withDatabase(command, async (database) => {
    await requireSchema(database)
    const users = await listUsers(database.db)
    if (command.opts<{ json?: boolean }>().json) return print(JSON.stringify(users, null, 2))
    print(['ID', 'NAME', 'ROLES', 'ENABLED', 'CREATED'].join('\t'))
    for (const u of users) print([u.id, u.name, u.roles.join(','), u.enabled, u.createdAt].join('\t'))
  })
}

function passwdCommand(): Command {
  const command = new Command('passwd')
    .description("set a user's password; the user's tokens are revoked")
    .argument('<name>', 'user name')
    .addOption(passwordStdin())
  return withDatabase(command, async (database, _config, name: string) => {
    await requireSchema(database)
    const { password, generated } = await obtainPassword(command.opts<{ passwordStdin?: boolean }>().passwordStdin)
    await setPassword(database.db, name, password)
    print(`Password of '${name}' changed; its tokens are revoked`)
    if (generated) print(`Password (shown only this once): ${password}`)
  })
}

function deleteCommand(): Command {
  const command = new Command('delete')
    .description('delete a user and its tokens (never the last administrator)')
    .argument('<name>', 'user name')
  return withDatabase(command, async (database, _config, name: string) => {
    await requireSchema(database)
    await deleteUser(database.db, database.dialect, name)
    print(`Deleted user '${name}'`)
  })
}

async function obtainPassword(fromStdin: boolean | undefined): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: generatePassword(), generated: true }
  if (process.stdin.isTTY)
    throw errors.config('--password-stdin expects piped input, e.g. `cat pw.txt | nailgun user ...`')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? ''
  return { password, generated: false }
}

/** A readable error instead of "no such table" when the database was never migrated. */
async function requireSchema(database: DatabaseHandle): Promise<void> {
  try {
    await database.db.selectFrom('users').select('id').limit(1).execute()
  } catch {
    throw errors.config(`${database.description} has no users table: run \`nailgun db migrate\` first`)
  }
}
