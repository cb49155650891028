/** Opening the configured database for a one-shot CLI command, and always closing it. */
import type { Command } from 'commander'
import { type Config, loadConfig } from '../config.js'
import { type DatabaseHandle, openDatabase } from '../db/database.js'
import { addSettingOptions, DATABASE_SETTINGS, toConfigFlags } from './options.js'

export type DatabaseAction<Args extends unknown[]> = (
  database: DatabaseHandle,
  config: Config,
  ...args: Args
) => Promise<void>

/**
 * Adds --database-url/--data-dir to the command and runs the action with the open database.
 * The action receives the command's positional arguments after the database and config.
 */
export function withDatabase<Args extends unknown[]>(command: Command, action: DatabaseAction<Args>): Command {
  const attributes = addSettingOptions(command, DATABASE_SETTINGS)
  return command.action(async (...received: unknown[]) => {
    const cmd = received.at(-1) as Command
    const args = received.slice(0, -2) as Args
    const config = loadConfig(toConfigFlags(cmd.opts(), attributes))
    const database = openDatabase(config.databaseUrl, config.dataDir)
    try {
      await action(database, config, ...args)
    } finally {
      await database.close()
    }
  })
}
