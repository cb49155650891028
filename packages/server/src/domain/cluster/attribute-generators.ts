/**
 * Nailgun's attribute generators: a `{"generator": name, "generator_arg": arg}` object anywhere in
 * release attribute metadata is replaced by a generated value when an environment is created
 * (random passwords and tokens, generated once and kept).
 */
import { randomInt } from 'node:crypto'
import type { Json, JsonObject } from '@nailgun/extensions'

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const HEX = '0123456789abcdef'

function randomString(alphabet: string, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)]
  return out
}

/** The length argument, when it is a sensible one. */
function lengthArg(arg: Json | undefined, fallback: number): number {
  const n = typeof arg === 'string' ? Number(arg) : arg
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 1024 ? n : fallback
}

const GENERATORS: Record<string, (arg: Json | undefined) => Json> = {
  password: (arg) => randomString(ALPHANUMERIC, lengthArg(arg, 24)),
  hexstring: (arg) => randomString(HEX, lengthArg(arg, 32)),
  identical: (arg) => arg ?? null,
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * A copy of `tree` with every generator object replaced by its value. Unknown generators are
 * left in place: they are the release's business and the deployment shows them as they are.
 */
export function generateValues(tree: Json): Json {
  if (Array.isArray(tree)) return tree.map(generateValues)
  if (!isObject(tree)) return tree
  const generator = tree.generator
  if (typeof generator === 'string' && Object.hasOwn(GENERATORS, generator)) {
    return (GENERATORS[generator] as (arg: Json | undefined) => Json)(tree.generator_arg)
  }
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, generateValues(value)]))
}

/** The `editable` and `generated` parts of release attribute metadata, with values generated. */
export function releaseAttributes(metadata: JsonObject): { editable: JsonObject; generated: JsonObject } {
  const editable = generateValues(metadata.editable ?? {})
  const generated = generateValues(metadata.generated ?? {})
  return { editable: isObject(editable) ? editable : {}, generated: isObject(generated) ? generated : {} }
}
