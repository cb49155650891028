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
