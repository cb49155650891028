/** Small readers for loosely-typed JSON (attributes, metadata, agent reports). */
import type { Json, JsonObject } from '@nailgun/extensions'

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  if (!isObject(value)) return undefined
  const child = value[key]
  return isObject(child) ? child : undefined
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined
  const child = value[key]
  return typeof child === 'string' ? child : undefined
}

export function numberAt(value: unknown, key: string): number | undefined {
  if (!isObject(value)) return undefined
  const child = value[key]
  return typeof child === 'number' && Number.isFinite(child) ? child : undefined
}

export function booleanAt(value: unknown, key: string): boolean {
  return isObject(value) && value[key] === true
}

/** A copy that is plain JSON (drops `undefined`, functions and class identity). */
export function toJsonValue(value: unknown): Json {
  return JSON.parse(JSON.stringify(value ?? null)) as Json
}

/**
 * A deep copy of a JSON value (objects, arrays, primitives). Several times faster than
 * `structuredClone`, which serializes through the structured-clone format: the provisioning
 * serializer copies the image and repository settings into every node's `ks_meta`.
 */
export function cloneJson<T extends Json>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T
  const copy: JsonObject = {}
  for (const key of Object.keys(value)) {
    const child = value[key]
    if (child !== undefined) copy[key] = cloneJson(child)
  }
  return copy as T
}
