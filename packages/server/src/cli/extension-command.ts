/**
 * `nailgun extension installed|order|create`: what is installed under the extensions root (with the
 * load status), the order the host runs extensions in with the reason for each position, and a
 * new extension package from the template. None of them needs the database or a running server;
 * the runtime state (`degraded`) is in `GET /api/v1/extensions`.
 */
import path from 'node:path'
import { Command } from 'commander'
import { loadConfig } from '../config.js'
import { loadExtensions } from '../extensions/load-extensions.js'
import type { HostLogger } from '../extensions/logger.js'
import { orderExtensions } from '../extensions/order.js'
import { scaffoldExtension } from '../extensions/scaffold/scaffold.js'
import type { LoadedExtensions } from '../extensions/types.js'
import { print } from './output.js'

/**
 * Adds `installed`, `order` and `create` under `nailgun extension` (the operator client's
 * `extension list` asks a running server; these work on the files of this installation).
 */
export function addExtensionTools(program: Command): Command {
  let command = program.commands.find((c) => c.name() === 'extension')
  if (!command) {
    command = new Command('extension').description('the extensions of this installation')
    program.addCommand(command)
  }
  command.addCommand(installedCommand())
  command.addCommand(orderCommand())
  command.addCommand(createCommand())
  return program
}

type RootOptions = { extensionsRoot?: string; json?: boolean }

const withRoot = (command: Command) =>
  command
    .option('--extensions-root <dir>', 'folder whose node_modules is scanned (env: NAILGUN_EXTENSIONS_ROOT)')
    .option('--json', 'print JSON')

/** Every extension found, broken ones included (they are reported, not fatal, here). */
async function load(options: RootOptions): Promise<LoadedExtensions> {
  const root = options.extensionsRoot ? path.resolve(options.extensionsRoot) : loadConfig({}).extensionsRoot
  return loadExtensions({ extensionsRoot: root, skipBrokenExtensions: true }, quietLogger())
}

function installedCommand(): Command {
  const command = withRoot(
    new Command('installed').description(
      'list the extensions installed here (no server needed), with version and load status',
    ),
  )
  return command.action(async () => {
    const options = command.opts<RootOptions>()
    const { installed, failed } = await load(options)
    const rows = [
      ...installed.map(({ extension: e, origin }) => ({
        name: e.name,
        version: e.version,
        status: 'loaded',
        package: origin.packageName,
        critical: e.critical !== false,
        description: e.description,
      })),
      ...failed.map((f) => ({
        name: f.name ?? f.origin.entry,
        version: f.version ?? '',
        status: 'failed',
        package: f.origin.packageName,
        error: f.error,
      })),
    ]
    if (options.json) return print(JSON.stringify(rows, null, 2))
    if (rows.length === 0) return print('No extensions installed')
    for (const row of rows) {
      const error = 'error' in row ? `: ${row.error}` : ''
      print(`${row.name} ${row.version} ${row.status} (${row.package})${error}`)
    }
  })
}

function orderCommand(): Command {
  const command = withRoot(
    new Command('order').description('print the order extensions run in, with the reason for each position'),
  )
  return command.action(async () => {
    const options = command.opts<RootOptions>()
    const { installed, failed } = await load(options)
    const order = orderExtensions(installed.map(({ extension: e }) => e))
    if (options.json)
      return print(JSON.stringify({ order, failed: failed.map((f) => f.name ?? f.origin.entry) }, null, 2))
    if (order.length === 0) print('No extensions installed')
    for (const item of order) print(`${item.position + 1}. ${item.name} — ${item.reasons.join('; ')}`)
    for (const f of failed) print(`not ordered: ${f.name ?? f.origin.entry} failed to load: ${f.error}`)
  })
}

function createCommand(): Command {
  const command = new Command('create')
    .description('create a new extension package from the template')
    .argument('<name>', "the extension's name: lowercase letters, digits and '_'")
    .option('--dir <dir>', 'parent folder of the package (default: the current folder)')
  return command.action(async (name: string) => {
    const { dir } = command.opts<{ dir?: string }>()
    const result = await scaffoldExtension({ name, dir })
    print(`Created ${result.packageName} in ${result.packageDir}:`)
    for (const file of result.files) print(`  ${file}`)
    print('Next: cd into it, `npm install`, `npm test`; install it into a server with `npm install <path>`.')
  })
}

/** Load problems are reported in the output; the loader's own log lines would only repeat them. */
function quietLogger(): HostLogger {
  const noop = () => {}
  return { debug: noop, info: noop, warn: noop, error: noop, child: () => quietLogger() }
}
