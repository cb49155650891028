/**
 * Reading the members of an extension or pipeline the way JavaScript looks them up: own
 * properties (class fields), then the prototype chain, plus static members for classes (the
 * seed's classmethods), stopping at the SDK base classes whose members are known.
 * @module
 */

const FUNCTION_OWN = new Set(['length', 'name', 'prototype', 'arguments', 'caller'])

/** Own and inherited property names of `target`, stopping before any of `stops` (or at the end). */
export function memberNames(target: object, stops: readonly object[]): string[] {
  const names = new Set<string>()
  for (let current: object | null = target; current && !stops.includes(current); ) {
    for (const name of Object.getOwnPropertyNames(current)) if (name !== 'constructor') names.add(name)
    current = Object.getPrototypeOf(current) as object | null
  }
  return [...names]
}

/** Static member names of a class and its parent classes, stopping before any of `stops`. */
export function staticNames(cls: Function, stops: readonly Function[]): string[] {
  const names = new Set<string>()
  for (let current: Function | null = cls; current && current !== Function.prototype && !stops.includes(current); ) {
    for (const name of Object.getOwnPropertyNames(current)) if (!FUNCTION_OWN.has(name)) names.add(name)
    current = Object.getPrototypeOf(current) as Function | null
  }
  return [...names]
}

/** The value of a property without running getters' side effects twice; undefined when it throws. */
export function readMember(target: unknown, name: string): unknown {
  try {
    return (target as Record<string, unknown>)[name]
  } catch {
    return undefined
  }
}
