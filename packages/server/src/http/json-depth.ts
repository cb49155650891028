/**
 * A nesting limit for request bodies. Deeply nested JSON is never legitimate in this API (the
 * deepest real payload, an agent's hardware report, is under 10 levels) and costs every later
 * recursive walk — validation, serializers, extension pipelines — stack and time, so it is refused
 * before `JSON.parse` runs.
 * @module
 */

/** Bodies nesting arrays/objects deeper than this are answered 400. */
export const MAX_JSON_DEPTH = 64

/**
 * The deepest array/object nesting in JSON text, stopping as soon as it exceeds `limit`. Brackets
 * inside strings do not count. Linear in the text and allocation-free.
 */
export function jsonDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c /* \ */) i++
      else if (c === 0x22 /* " */) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--
  }
  return false
}
