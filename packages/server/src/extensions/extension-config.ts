/**
 * Per-extension configuration: a global default and one per environment, stored in
 * `extension_configs`, validated against the extension's `configSchema` (JSON Schema, ajv) and
 * handed to its code as `ctx.config`: schema defaults, under the global values, under the
 * environment's. Properties marked `"writeOnly": true` (secrets) are never read back through the
 * API; a write that leaves one out keeps the stored value.
 * @module
 */
import type { BaseExtension, JsonObject } from '@nailgun/extensions'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import type { Kysely } from 'kysely'
import { fromJson, toJson } from '../db/dialect.js'
import { errors } from '../errors.js'

interface ConfigRow {
  id: number
  extension: string
  scope: string
  cluster_id: number | null
  value: string
  updated_at: string
}

interface ConfigDb {
  extension_configs: ConfigRow
}

/** null: the global default; a number: that environment. */
export type ConfigScope = number | null

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false })
const compiled = new WeakMap<object, ValidateFunction>()

function validatorOf(schema: JsonObject): ValidateFunction {
  let validate = compiled.get(schema)
  if (!validate) {
    validate = ajv.compile(schema)
    compiled.set(schema, validate)
  }
  return validate
}

const scopeKey = (scope: ConfigScope) => (scope === null ? 'global' : String(scope))

/** The stored value of one scope (secrets included), `{}` when none. */
export async function readStored(db: Kysely<unknown>, name: string, scope: ConfigScope): Promise<JsonObject> {
  const row = await (db as unknown as Kysely<ConfigDb>)
    .selectFrom('extension_configs')
    .select('value')
    .where('extension', '=', name)
    .where('scope', '=', scopeKey(scope))
    .executeTakeFirst()
  return fromJson<JsonObject>(row?.value, {})
}

/** What the extension's code receives: schema defaults ← global ← environment (secrets included). */
export async function effectiveConfig(
  db: Kysely<unknown>,
  extension: BaseExtension,
  clusterId: number | null,
): Promise<JsonObject> {
  if (!extension.configSchema) return {}
  const global = await readStored(db, extension.name, null)
  const local = clusterId === null ? {} : await readStored(db, extension.name, clusterId)
  return withDefaults(extension.configSchema, { ...global, ...local })
}

/** The schema's defaults applied to a copy of `value`. */
export function withDefaults(schema: JsonObject, value: JsonObject): JsonObject {
  const copy = structuredClone(value)
  validatorOf(schema)(copy)
  return copy
}

/**
 * Validates and stores a scope's value. The stored result must be valid once merged as the
 * extension will see it (an environment's value may override only some properties).
 */
export async function writeConfig(
  db: Kysely<unknown>,
  extension: BaseExtension,
  scope: ConfigScope,
  body: unknown,
): Promise<JsonObject> {
  const schema = extension.configSchema
  if (!schema) throw errors.invalidData(`Extension '${extension.name}' has no configuration`)
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw errors.invalidData('Expected a JSON object')
  const stored = await readStored(db, extension.name, scope)
  const value = { ...keptSecrets(schema, stored, body as JsonObject), ...(body as JsonObject) }
  const global = scope === null ? {} : await readStored(db, extension.name, null)
  const merged = structuredClone({ ...global, ...value })
  const validate = validatorOf(schema)
  if (!validate(merged)) throw invalidConfig(extension.name, validate.errors ?? [])
  await store(db as unknown as Kysely<ConfigDb>, extension.name, scope, value)
  return value
}

async function store(db: Kysely<ConfigDb>, name: string, scope: ConfigScope, value: JsonObject) {
  const row = { value: toJson(value), updated_at: new Date().toISOString() }
  await db
    .insertInto('extension_configs')
    .values({ extension: name, scope: scopeKey(scope), cluster_id: scope, ...row } as never)
    .onConflict((oc) => oc.columns(['extension', 'scope']).doUpdateSet(row))
    .execute()
}

/** Secrets the body leaves out keep their stored value (a client reads them back masked). */
function keptSecrets(schema: JsonObject, stored: JsonObject, body: JsonObject): JsonObject {
  const kept: JsonObject = {}
  for (const key of secretKeys(schema)) if (!(key in body) && key in stored) kept[key] = stored[key] ?? null
  return kept
}

function secretKeys(schema: JsonObject): string[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>
  return Object.keys(properties).filter((key) => properties[key]?.writeOnly === true)
}

/** The value as the API shows it: write-only properties left out (nested objects too). */
export function masked(schema: JsonObject | null, value: JsonObject): JsonObject {
  if (!schema) return value
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>
  const out: JsonObject = {}
  for (const [key, item] of Object.entries(value)) {
    const property = properties[key]
    if (property?.writeOnly === true) continue
    const nested = property?.type === 'object' && item && typeof item === 'object' && !Array.isArray(item)
    out[key] = nested ? masked(property, item as JsonObject) : item
  }
  return out
}

function invalidConfig(name: string, found: ErrorObject[]) {
  const violations = found.map((e) => ({
    path: e.instancePath || '/',
    message: e.message ?? 'is invalid',
    keyword: e.keyword,
  }))
  const list = violations.map((v) => `${v.path} ${v.message}`).join('; ')
  return errors.invalidData(`Invalid configuration for extension '${name}': ${list}`, { errors: violations })
}
