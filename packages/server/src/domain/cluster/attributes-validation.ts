/**
 * Checks a `PUT`/`PATCH /clusters/<id>/attributes` body against the environment's current
 * settings before anything is merged: `{"editable": {section: {setting: {...}}}}`, known sections
 * and settings only, values of the setting's type. The keys that drive validation (`type`,
 * `values`, `regex`, `min`, `max`) cannot change, so a client cannot loosen its own checks.
 */
import type { Json, JsonObject } from '@nailgun/extensions'
import { errors } from '../../errors.js'

const PROTECTED_KEYS = ['type', 'values', 'regex', 'min', 'max'] as const
const STRING_TYPES = new Set(['text', 'password', 'textarea', 'hidden', 'email', 'file'])
const LIST_TYPES = new Set(['text_list', 'textarea_list'])

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const invalid = (message: string) => errors.invalidData(message)

/** The `editable` patch, once every part of it is known to be acceptable. */
export function checkAttributesPatch(body: { editable?: unknown; generated?: unknown }, current: JsonObject) {
  if (body.generated !== undefined) throw invalid('It is not allowed to update generated attributes')
  if (!isObject(body.editable)) throw invalid('Editable attributes should be a dictionary')
  for (const [section, patch] of Object.entries(body.editable)) {
    const settings = Object.hasOwn(current, section) ? current[section] : undefined
    if (!isObject(settings)) throw invalid(`Unknown settings section '${section}'`)
    if (!isObject(patch)) throw invalid(`Settings section '${section}' should be a dictionary`)
    for (const [name, change] of Object.entries(patch)) {
      checkSetting(`${section}.${name}`, Object.hasOwn(settings, name) ? settings[name] : undefined, change)
    }
  }
  return body.editable
}

function checkSetting(path: string, setting: Json | undefined, change: Json): void {
  if (!isObject(setting)) throw invalid(`Unknown setting '${path}'`)
  if (!isObject(change)) throw invalid(`Setting '${path}' should be a dictionary`)
  if (path.endsWith('.metadata')) {
    if (change.enabled !== undefined && typeof change.enabled !== 'boolean') {
      throw invalid(`'${path}.enabled' should be a boolean`)
    }
    return
  }
  for (const key of PROTECTED_KEYS) {
    if (change[key] !== undefined && JSON.stringify(change[key]) !== JSON.stringify(setting[key])) {
      throw invalid(`'${key}' of setting '${path}' cannot be changed`)
    }
  }
  if (change.value !== undefined) checkValue(path, setting, change.value)
}

/** Settings of other types (custom UI widgets) take any JSON value. */
function checkValue(path: string, setting: JsonObject, value: Json): void {
  const type = typeof setting.type === 'string' ? setting.type : ''
  const wrong = (expected: string) => invalid(`Value of setting '${path}' should be ${expected}`)
  if (type === 'checkbox' && typeof value !== 'boolean') throw wrong('a boolean')
  if (type === 'number') checkNumber(path, setting, value)
  if (type === 'radio' || type === 'select') {
    if (typeof value !== 'string') throw wrong('a string')
    checkChoice(path, setting, value)
  }
  if (STRING_TYPES.has(type)) {
    if (typeof value !== 'string') throw wrong('a string')
    checkRegex(path, setting, value)
  }
  if (LIST_TYPES.has(type) && (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))) {
    throw wrong('a list of strings')
  }
}

function checkNumber(path: string, setting: JsonObject, value: Json): void {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalid(`Value of setting '${path}' should be a number`)
  if (typeof setting.min === 'number' && value < setting.min)
    throw invalid(`Value of setting '${path}' is below ${setting.min}`)
  if (typeof setting.max === 'number' && value > setting.max)
    throw invalid(`Value of setting '${path}' is above ${setting.max}`)
}

function checkChoice(path: string, setting: JsonObject, value: string): void {
  if (!Array.isArray(setting.values)) return
  const allowed = setting.values.map((v) => (isObject(v) ? v.data : v))
  if (!allowed.includes(value)) throw invalid(`Value of setting '${path}' should be one of: ${allowed.join(', ')}`)
}

/** The release's `regex: {source, error}` (trusted: clients cannot change it, see PROTECTED_KEYS). */
function checkRegex(path: string, setting: JsonObject, value: string): void {
  const regex = setting.regex
  if (!isObject(regex) || typeof regex.source !== 'string') return
  if (!new RegExp(regex.source).test(value)) {
    throw invalid(typeof regex.error === 'string' ? `${path}: ${regex.error}` : `Value of setting '${path}' is invalid`)
  }
}

/**
 * Nailgun's `dict_merge`: objects merge key by key, anything else is replaced. A `__proto__` key
 * (JSON.parse makes it an own property) is dropped rather than assigned to a prototype.
 */
export function deepMerge(base: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...base }
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__') continue
    const current = out[key]
    out[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value
  }
  return out
}
