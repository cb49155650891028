/**
 * Checks of what crosses the transport boundary: the messages Nailgun casts and the responses the
 * orchestrator sends back. A broker carries whatever anyone published, so both sides check shapes.
 */
import type { OrchestratorMessage, OrchestratorResponse } from './types.js'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Why `value` is not a valid message, or null when it is. */
export function messageProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'a message must be an object'
  if (value.api_version !== '1') return `unsupported api_version ${JSON.stringify(value.api_version)}`
  if (typeof value.method !== 'string' || value.method === '') return 'method must be a non-empty string'
  if (typeof value.respond_to !== 'string' || value.respond_to === '') return 'respond_to must be a non-empty string'
  if (!isRecord(value.args) || typeof value.args.task_uuid !== 'string' || value.args.task_uuid === '') {
    return 'args.task_uuid must be a non-empty string'
  }
  return null
}

/**
 * Throws a TypeError for an invalid cast: building messages is the server's own job, so a bad one
 * is a bug to surface loudly, not input to report.
 */
export function assertCast(messages: readonly unknown[]): asserts messages is OrchestratorMessage[] {
  if (!Array.isArray(messages) || messages.length === 0) throw new TypeError('cast needs at least one message')
  messages.forEach((message, index) => {
    const problem = messageProblem(message)
    if (problem) throw new TypeError(`Invalid orchestrator message #${index}: ${problem}`)
  })
}

/**
 * Reads a cast from the wire: one AMQP message carries the whole list (as Nailgun's `rpc.cast`
 * publishes it), a lone object is accepted too. Returns the problem text when invalid.
 */
export function parseCast(body: unknown): OrchestratorMessage[] | string {
  const list = Array.isArray(body) ? body : [body]
  if (list.length === 0) return 'empty message list'
  for (const message of list) {
    const problem = messageProblem(message)
    if (problem) return problem
  }
  return list as OrchestratorMessage[]
}

/** Reads a response from the wire, or returns the problem text. */
export function parseResponse(body: unknown): OrchestratorResponse | string {
  if (!isRecord(body)) return 'a response must be an object'
  if (typeof body.method !== 'string' || body.method === '') return 'method must be a non-empty string'
  if (!isRecord(body.args) || typeof body.args.task_uuid !== 'string') return 'args.task_uuid must be a string'
  return body as unknown as OrchestratorResponse
}

/** JSON.parse that returns undefined instead of throwing (a broker may hold anything). */
export function parseJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'))
  } catch {
    return undefined
  }
}
