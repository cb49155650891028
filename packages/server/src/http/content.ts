/**
 * Content negotiation: requests carry JSON; responses are JSON, or YAML when the client asks for
 * `application/x-yaml` (Nailgun served both). Any other `Accept` is refused with 415, as Nailgun did.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import YAML from 'yaml'
import { errors } from '../errors.js'
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth.js'

const JSON_TYPES = ['application/json', '*/*', 'application/*']
const YAML_TYPE = 'application/x-yaml'
const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS'])

function accepted(header: string | undefined): 'json' | 'yaml' | undefined {
  if (!header) return 'json'
  const types = header.split(',').map((t) => t.split(';')[0]!.trim().toLowerCase())
  for (const type of types) {
    if (JSON_TYPES.includes(type) || type.endsWith('+json')) return 'json'
    if (type === YAML_TYPE) return 'yaml'
  }
  return undefined
}

/** False when the client asked for YAML (the answer is then converted from JSON text in `onSend`). */
export function wantsJson(request: FastifyRequest): boolean {
  return (request as FastifyRequest & { responseFormat?: string }).responseFormat !== 'yaml'
}

export function registerContentHandling(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body)
    // python-requests sends `Content-Type: application/json` with an empty DELETE: that is no body, not an error.
    if (text.trim() === '')
      return BODYLESS.has(request.method) ? done(null, undefined) : done(errors.emptyRequest(), undefined)
    if (jsonDepthExceeds(text))
      return done(errors.validation(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), undefined)
    try {
      done(null, JSON.parse(text))
    } catch {
      done(errors.invalidJson(), undefined)
    }
  })

  app.addHook('onRequest', async (request: FastifyRequest) => {
    // Event streams (the dashboard's progress) answer `text/event-stream`, not JSON or YAML.
    if (!request.url.startsWith('/api') || request.routeOptions.config?.eventStream) return
    const format = accepted(request.headers.accept)
    if (!format)
      throw errors.notAcceptable(`Cannot produce '${request.headers.accept}': use application/json or ${YAML_TYPE}`)
    ;(request as FastifyRequest & { responseFormat?: string }).responseFormat = format
  })

  app.addHook('onSend', async (request, reply: FastifyReply, payload) => {
    const format = (request as FastifyRequest & { responseFormat?: string }).responseFormat
    if (format !== 'yaml' || typeof payload !== 'string' || reply.statusCode === 204) return payload
    // Only JSON converts: static files (the API docs' scripts) are served as they are.
    if (!String(reply.getHeader('content-type') ?? 'application/json').includes('json')) return payload
    void reply.header('content-type', `${YAML_TYPE}; charset=utf-8`)
    return YAML.stringify(JSON.parse(payload))
  })
}
