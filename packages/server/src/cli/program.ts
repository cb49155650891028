/** The `nailgun` command line: `serve`, `db`, `user`, `orchestrator`; `--help` on each, `--version`. */
import { Command } from 'commander'
import { ENV_NAMES } from '../config.js'
import { SERVER_VERSION } from '../domain/version/version-routes.js'
import { extensionMigrateHooks, rollbackCommand } from '../extensions/db-cli.js'
import { addClientCommands } from './client/index.js'
import { dbCommand } from './db-command.js'
import { addExtensionTools } from './extension-command.js'
import { orchestratorCommand } from './orchestrator-command.js'
import { printError } from './output.js'
import { serveCommand } from './serve-command.js'
import { userCommand } from './user-command.js'

export function buildProgram(): Command {
  const program = new Command('nailgun')
    .description('Nailgun for TypeScript: the Fuel deployment manager')
    .version(SERVER_VERSION, '-V, --version', 'print the version')
    .showHelpAfterError('(add --help for usage)')
  program.addCommand(serveCommand())
  program.addCommand(dbCommand([rollbackCommand], extensionMigrateHooks()))
  program.addCommand(userCommand())
  program.addCommand(orchestratorCommand())
  // The operator client (issue 7): login, env, node, task, release, extension, completion.
  addClientCommands(program)
  // `extension installed|order|create` join the client's `extension` command.
  addExtensionTools(program)
  return program
}

/** Runs the command line; resolves to the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  clearEmptySettings()
  try {
    await buildProgram().parseAsync([...argv])
    return 0
  } catch (error) {
    printError(error)
    return 1
  }
}

/** An empty NAILGUN_* variable means "unset", as loadConfig() reads it; commander would take '' as a value. */
function clearEmptySettings(): void {
  for (const name of Object.values(ENV_NAMES)) {
    if (process.env[name] === '') delete process.env[name]
  }
}
