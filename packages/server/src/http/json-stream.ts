/**
 * Large JSON answers (the facts of 10,000 nodes: 40+ MB) sent as a stream of small chunks instead
 * of one string. Serializing the whole answer at once made one huge string that Fastify then
 * measured (`Content-Length`) and copied into a buffer: three passes over 44 MB, about 40 % of a
 * `/defaults` request in an in-process profile, and two copies of the answer alive at the peak.
 * Here every long array is written element by element, in chunks of about CHUNK_BYTES, as the
 * client reads them.
 * The bytes are exactly those of `JSON.stringify(value)`, except that an array element that is
 * RawJson (raw-json.ts) is written as its text, unparsed.
 * @module
 */
import { Readable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { wantsJson } from './content.js'
import { RawJson } from './raw-json.js'

export const CHUNK_BYTES = 1024 * 1024
/** Arrays at least this long are streamed element by element; shorter ones go in one piece. */
const STREAMED_ARRAY = 64

/**
 * Streams `value` as JSON when the client wants JSON and the value holds a long array; a small
 * value (sent whole, with a Content-Length) and YAML (converted whole) get the value itself.
 */
export function sendLargeJson(request: FastifyRequest, reply: FastifyReply, value: unknown): unknown {
  if (!wantsJson(request) || !holdsLongArray(value)) return value
  void reply.type('application/json; charset=utf-8')
  return reply.send(Readable.from(chunked(jsonPieces(value)), { objectMode: false, highWaterMark: CHUNK_BYTES }))
}

function holdsLongArray(value: unknown): boolean {
  if (Array.isArray(value)) return value.length >= STREAMED_ARRAY
  if (!isPlainObject(value)) return false
  return Object.values(value).some((member) => Array.isArray(member) && member.length >= STREAMED_ARRAY)
}

/** The JSON text of `value` in pieces; their concatenation equals `JSON.stringify(value)`. */
export function* jsonPieces(value: unknown): Generator<string> {
  if (Array.isArray(value)) {
    yield* arrayPieces(value)
    return
  }
  if (!isPlainObject(value)) {
    yield JSON.stringify(value) ?? 'null'
    return
  }
  let first = true
  for (const [key, member] of Object.entries(value)) {
    // JSON.stringify leaves out members it cannot represent.
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue
    yield `${first ? '{' : ','}${JSON.stringify(key)}:`
    first = false
    if (Array.isArray(member) && member.length >= STREAMED_ARRAY) yield* arrayPieces(member)
    else yield JSON.stringify(member) ?? 'null'
  }
  yield first ? '{}' : '}'
}

function* arrayPieces(items: readonly unknown[]): Generator<string> {
  if (items.length === 0 || typeof (items as { toJSON?: unknown }).toJSON === 'function') {
    yield JSON.stringify(items)
    return
  }
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    const text = item instanceof RawJson ? item.text : (JSON.stringify(item) ?? 'null')
    yield `${i === 0 ? '[' : ','}${text}`
  }
  yield ']'
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * Writes the pieces into buffers of CHUNK_BYTES and yields each when full (one write per element
 * would cost more than the JSON). Writing straight into the buffer, rather than joining strings
 * and converting the result, saved a copy of the whole answer in garbage.
 */
export function* chunked(pieces: Iterable<string>, size = CHUNK_BYTES): Generator<Buffer> {
  let buffer = Buffer.allocUnsafe(size)
  let used = 0
  for (const piece of pieces) {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: checking that bound avoids measuring the piece.
    if (used + piece.length * 3 > size) {
      if (used > 0) yield buffer.subarray(0, used)
      buffer = Buffer.allocUnsafe(size)
      used = 0
      if (piece.length * 3 > size) {
        yield Buffer.from(piece)
        continue
      }
    }
    used += buffer.write(piece, used)
  }
  if (used > 0) yield buffer.subarray(0, used)
}
