/**
 * The one place that turns any failure into Nailgun's error body `{"message", "errors"}` with the
 * right status. Unknown failures are logged and answered 500 without internals.
 */
import { NailgunError } from '@nailgun/extensions'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { errors } from '../errors.js'

export interface ErrorBody {
  message: string
  errors: unknown[]
}

/** `bodyLimit`: the route's limit, for the 413 message (Fastify's error does not carry it). */
export function toNailgunError(error: unknown, bodyLimit?: number): NailgunError | undefined {
  if (error instanceof NailgunError) return error
  const e = error as FastifyError
  if (e?.validation) {
    const list = e.validation.map((v) => ({
      path: `${e.validationContext ?? 'body'}${v.instancePath || ''}`,
      message: v.message ?? 'is invalid',
    }))
    const first = list[0]
    return errors.validation(first ? `${first.path}: ${first.message}` : 'Invalid request', { errors: list })
  }
  switch (e?.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.emptyRequest()
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return errors.invalidJson()
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.bodyTooLarge(Number((e as { bodyLimit?: number }).bodyLimit ?? bodyLimit ?? 0))
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return errors.unsupportedMediaType(e.message)
  }
  if (e instanceof SyntaxError && (e as { statusCode?: number }).statusCode === 400) return errors.invalidJson()
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new NailgunError(e.code ?? 'NG_ERR_REQUEST', e.message, e.statusCode)
  }
  return undefined
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const known = toNailgunError(error, request.routeOptions?.bodyLimit)
  if (known) {
    if (known.status >= 500) request.log.error({ err: error }, known.message)
    void reply.status(known.status).send({ message: known.message, errors: known.errors } satisfies ErrorBody)
    return
  }
  request.log.error({ err: error }, 'Unexpected exception')
  void reply.status(500).send({ message: 'Unexpected exception, please check logs', errors: [] } satisfies ErrorBody)
}
