/**
 * Server configuration. Every setting has a command-line flag and an environment variable
 * (`NAILGUN_*`); flags win over the environment, the environment over the defaults.
 */
import path from 'node:path'
import { errors } from './errors.js'

export type AuthMode = 'keystone' | 'none'
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
export type OrchestratorKind = 'in-process' | 'amqp'
export type FactsContractMode = 'off' | 'report' | 'enforce'

export interface Config {
  host: string
  port: number
  /** `sqlite:<file>` / a file path, or a `postgres://` URL. Empty = SQLite under dataDir. */
  databaseUrl: string
  dataDir: string
  auth: AuthMode
  logLevel: LogLevel
  adminPassword: string | undefined
  /** Seconds a token stays valid. */
  tokenTtl: number
  /** When set, the public agent routes require `X-Agent-Token` to match. */
  agentToken: string | undefined
  orchestrator: OrchestratorKind
  amqpUrl: string
  /** Speed of the simulated orchestrator: milliseconds between progress steps. */
  simulatorStepMs: number
  /** Apply pending core and extension migrations at start-up. */
  migrateOnStart: boolean
  /** Folder whose `node_modules` is scanned for extension packages. */
  extensionsRoot: string
  /** Start even when an extension fails to load; failed ones are listed in the API. */
  skipBrokenExtensions: boolean
  /** Consecutive handler/pipeline failures after which an extension is degraded. */
  extensionFailureThreshold: number
  /** Largest accepted request body, in bytes. */
  bodyLimit: number
  /** Facts contract check after each pipeline stage: `off`, `report` (log and trace) or `enforce` (fail). */
  factsContract: FactsContractMode
  /** `/metrics` without a token (Prometheus scrapers send none); false: any valid X-Auth-Token. */
  metricsPublic: boolean
}

/** The environment variable behind each setting. */
export const ENV_NAMES: Readonly<Record<keyof Config, string>> = Object.freeze({
  host: 'NAILGUN_HOST',
  port: 'NAILGUN_PORT',
  databaseUrl: 'NAILGUN_DATABASE_URL',
  dataDir: 'NAILGUN_DATA_DIR',
  auth: 'NAILGUN_AUTH',
  logLevel: 'NAILGUN_LOG_LEVEL',
  adminPassword: 'NAILGUN_ADMIN_PASSWORD',
  tokenTtl: 'NAILGUN_TOKEN_TTL',
  agentToken: 'NAILGUN_AGENT_TOKEN',
  orchestrator: 'NAILGUN_ORCHESTRATOR',
  amqpUrl: 'NAILGUN_AMQP_URL',
  simulatorStepMs: 'NAILGUN_SIMULATOR_STEP_MS',
  migrateOnStart: 'NAILGUN_MIGRATE_ON_START',
  extensionsRoot: 'NAILGUN_EXTENSIONS_ROOT',
  skipBrokenExtensions: 'NAILGUN_SKIP_BROKEN_EXTENSIONS',
  extensionFailureThreshold: 'NAILGUN_EXTENSION_FAILURE_THRESHOLD',
  bodyLimit: 'NAILGUN_BODY_LIMIT',
  factsContract: 'NAILGUN_FACTS_CONTRACT',
  metricsPublic: 'NAILGUN_METRICS_PUBLIC',
})

export function defaultConfig(): Config {
  return {
    host: '127.0.0.1',
    port: 8000,
    databaseUrl: '',
    dataDir: path.resolve('data'),
    auth: 'keystone',
    logLevel: 'info',
    adminPassword: undefined,
    tokenTtl: 3600,
    agentToken: undefined,
    orchestrator: 'in-process',
    amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
    simulatorStepMs: 500,
    migrateOnStart: true,
    extensionsRoot: process.cwd(),
    skipBrokenExtensions: false,
    extensionFailureThreshold: 5,
    bodyLimit: 8 * 1024 * 1024,
    factsContract: 'report',
    metricsPublic: true,
  }
}

type Raw = Partial<Record<keyof Config, string | number | boolean | undefined>>

/** Merges defaults, environment variables and flags (in that order of precedence). */
export function loadConfig(flags: Raw = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const config = defaultConfig()
  const raw: Raw = {}
  for (const key of Object.keys(ENV_NAMES) as Array<keyof Config>) {
    const fromEnv = env[ENV_NAMES[key]]
    raw[key] = flags[key] ?? (fromEnv === '' ? undefined : fromEnv)
  }
  return applyRaw(config, raw)
}

function applyRaw(config: Config, raw: Raw): Config {
  const out: Config = { ...config }
  const str = (v: unknown) => (v === undefined ? undefined : String(v))
  out.host = str(raw.host) ?? out.host
  out.port = int('port', raw.port, out.port, 0, 65535)
  out.databaseUrl = str(raw.databaseUrl) ?? out.databaseUrl
  out.dataDir = path.resolve(str(raw.dataDir) ?? out.dataDir)
  out.auth = oneOf('auth', raw.auth, ['keystone', 'none'], out.auth)
  out.logLevel = oneOf(
    'logLevel',
    raw.logLevel,
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    out.logLevel,
  )
  out.adminPassword = str(raw.adminPassword) ?? out.adminPassword
  out.tokenTtl = int('tokenTtl', raw.tokenTtl, out.tokenTtl, 1, 10 * 365 * 86400)
  out.agentToken = str(raw.agentToken) ?? out.agentToken
  out.orchestrator = oneOf('orchestrator', raw.orchestrator, ['in-process', 'amqp'], out.orchestrator)
  out.amqpUrl = str(raw.amqpUrl) ?? out.amqpUrl
  out.simulatorStepMs = int('simulatorStepMs', raw.simulatorStepMs, out.simulatorStepMs, 0, 600_000)
  out.migrateOnStart = bool('migrateOnStart', raw.migrateOnStart, out.migrateOnStart)
  out.extensionsRoot = path.resolve(str(raw.extensionsRoot) ?? out.extensionsRoot)
  out.skipBrokenExtensions = bool('skipBrokenExtensions', raw.skipBrokenExtensions, out.skipBrokenExtensions)
  out.extensionFailureThreshold = int(
    'extensionFailureThreshold',
    raw.extensionFailureThreshold,
    out.extensionFailureThreshold,
    1,
    1_000_000,
  )
  out.bodyLimit = int('bodyLimit', raw.bodyLimit, out.bodyLimit, 1024, 1024 * 1024 * 1024)
  out.factsContract = oneOf('factsContract', raw.factsContract, ['off', 'report', 'enforce'], out.factsContract)
  out.metricsPublic = bool('metricsPublic', raw.metricsPublic, out.metricsPublic)
  return out
}

function int(key: keyof Config, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback
  const n = typeof value === 'number' ? value : Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw errors.config(`${ENV_NAMES[key]} must be an integer from ${min} to ${max}, got '${value}'`)
  }
  return n
}

function bool(key: keyof Config, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value === 'boolean') return value
  const s = String(value).toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(s)) return true
  if (['0', 'false', 'no', 'off'].includes(s)) return false
  throw errors.config(`${ENV_NAMES[key]} must be true or false, got '${value}'`)
}

function oneOf<T extends string>(key: keyof Config, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback
  if ((allowed as readonly string[]).includes(String(value))) return String(value) as T
  throw errors.config(`${ENV_NAMES[key]} must be one of ${allowed.join(', ')}, got '${value}'`)
}
