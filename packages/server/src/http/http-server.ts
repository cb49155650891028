/**
 * Builds the Fastify instance: logging, body limits, trailing-slash tolerance, validation,
 * content negotiation and the single error handler. Routes are mounted by the composition root.
 */
import Fastify, { type FastifyInstance, LogController } from 'fastify'
import type { Config } from '../config.js'
import { errors } from '../errors.js'
import { registerContentHandling } from './content.js'
import { errorHandler } from './error-handler.js'
import { collectRoutes } from './route-collector.js'
import { validatorCompiler } from './validation.js'

export function createHttpServer(config: Config): FastifyInstance {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 500 },
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    // Per-request lines only when debugging: at 10,000 agents checking in they would drown the rest.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
  })
  collectRoutes(app)
  app.setValidatorCompiler(validatorCompiler)
  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler((request, reply) => {
    const error = errors.routeNotFound(request.url)
    void reply.status(404).send({ message: error.message, errors: [] })
  })
  registerContentHandling(app)
  return app
}
