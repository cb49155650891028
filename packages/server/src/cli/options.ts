/**
 * One command-line option per configuration setting, each bound to its NAILGUN_* variable, so
 * every flag has an environment equivalent. Values are passed to loadConfig() as text: it alone
 * validates and applies defaults, so the CLI and the environment cannot disagree.
 */
import { type Command, Option } from 'commander'
import { type Config, defaultConfig, ENV_NAMES } from '../config.js'

interface Setting {
  flags: string
  description: string
  choices?: readonly string[]
  /** Not shown as a default in --help. */
  secret?: boolean
}

const SETTINGS: Partial<Record<keyof Config, Setting>> = {
  host: { flags: '--host <address>', description: 'address to listen on' },
  port: { flags: '--port <number>', description: 'TCP port to listen on (0 picks a free port)' },
  databaseUrl: {
    flags: '--database-url <url>',
    description: 'postgres://user@host:5432/db, or sqlite:<file>; empty means <data-dir>/nailgun.sqlite',
    secret: true,
  },
  dataDir: { flags: '--data-dir <dir>', description: 'directory for the SQLite database and other state' },
  auth: {
    flags: '--auth <mode>',
    description: 'keystone: tokens required; none: everyone is admin',
    choices: ['keystone', 'none'],
  },
  logLevel: {
    flags: '--log-level <level>',
    description: 'JSON log level',
    choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
  },
  adminPassword: {
    flags: '--admin-password <password>',
    description: "password of the first 'admin' user, used only when no administrator exists (generated when unset)",
    secret: true,
  },
  tokenTtl: { flags: '--token-ttl <seconds>', description: 'lifetime of an issued token' },
  agentToken: {
    flags: '--agent-token <token>',
    description: 'when set, agent routes require X-Agent-Token',
    secret: true,
  },
  orchestrator: { flags: '--orchestrator <kind>', description: 'task executor', choices: ['in-process', 'amqp'] },
  amqpUrl: { flags: '--amqp-url <url>', description: 'RabbitMQ URL for --orchestrator amqp', secret: true },
  simulatorStepMs: {
    flags: '--simulator-step-ms <ms>',
    description: 'delay between steps of the simulated orchestrator',
  },
  migrateOnStart: { flags: '--migrate [bool]', description: 'apply pending migrations at start-up' },
  extensionsRoot: {
    flags: '--extensions-root <dir>',
    description: 'folder whose node_modules is scanned for extensions',
  },
  skipBrokenExtensions: {
    flags: '--skip-broken-extensions [bool]',
    description: 'start even when an extension fails to load',
  },
  extensionFailureThreshold: {
    flags: '--extension-failure-threshold <n>',
    description: 'consecutive failures after which an extension is degraded',
  },
  bodyLimit: { flags: '--body-limit <bytes>', description: 'largest accepted request body' },
  metricsPublic: { flags: '--metrics-public [bool]', description: 'serve /metrics without a token' },
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

function settingOf(key: keyof Config): Setting {
  // A setting added to Config later still gets a flag, with a plain description.
  return (
    SETTINGS[key] ?? { flags: `--${kebab(key)} <value>`, description: `the ${kebab(key).replaceAll('-', ' ')} setting` }
  )
}

function optionFor(key: keyof Config): Option {
  const setting = settingOf(key)
  const fallback = defaultConfig()[key]
  const shown = setting.secret || fallback === undefined || fallback === '' ? '' : ` (default: ${String(fallback)})`
  const option = new Option(setting.flags, `${setting.description}${shown}`).env(ENV_NAMES[key])
  return setting.choices ? option.choices(setting.choices) : option
}

/** Adds the options of these settings (all of them when omitted) and returns the attribute → key map. */
export function addSettingOptions(command: Command, keys?: readonly (keyof Config)[]): Map<string, keyof Config> {
  const attributes = new Map<string, keyof Config>()
  for (const key of keys ?? (Object.keys(ENV_NAMES) as (keyof Config)[])) {
    const option = optionFor(key)
    command.addOption(option)
    attributes.set(option.attributeName(), key)
  }
  // `--migrate [bool]` keeps the environment variable meaningful (true/false); `--no-migrate` is the short form.
  if (attributes.has('migrate')) command.addOption(new Option('--no-migrate', 'do not apply migrations at start-up'))
  return attributes
}

export type ConfigFlags = Partial<Record<keyof Config, string | number | boolean>>

/** Commander's parsed options → the `flags` argument of loadConfig(). */
export function toConfigFlags(options: Record<string, unknown>, attributes: Map<string, keyof Config>): ConfigFlags {
  const flags: ConfigFlags = {}
  for (const [attribute, key] of attributes) {
    const value = options[attribute]
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') flags[key] = value
  }
  return flags
}

/** The options every database command takes. */
export const DATABASE_SETTINGS: readonly (keyof Config)[] = ['databaseUrl', 'dataDir']
