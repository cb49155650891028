/**
 * The API description: an OpenAPI 3 document built by @fastify/swagger from the same TypeBox
 * schemas that validate requests, served at `/api/v1/openapi.json` and browsable at `/api/docs`
 * (both public). Only `/api/v1` is described (`/api` is the same API again). Extension REST
 * handlers sit behind wildcard dispatcher routes, so their uris are added as paths of their own,
 * tagged with the extension's name. Must be called before any route is registered.
 * @module
 */
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import type { ExtensionRoute } from '../extensions/url-patterns.js'
import { extensionPaths } from './openapi-extensions.js'

export const OPENAPI_URL = '/api/v1/openapi.json'
export const DOCS_PREFIX = '/api/docs'
const DOCUMENTED_PREFIX = '/api/v1'

type OpenApiDocument = Record<string, unknown> & {
  paths: Record<string, Record<string, Record<string, unknown>>>
  components?: Record<string, Record<string, unknown>>
}

const ERROR_BODY = {
  type: 'object',
  description: "Nailgun's error body, for every 4xx and 5xx answer",
  required: ['message', 'errors'],
  properties: {
    message: { type: 'string' },
    errors: { type: 'array', items: {}, description: 'Details, e.g. one entry per invalid field' },
  },
}

export function registerOpenApi(
  http: FastifyInstance,
  options: { version: string; extensionRoutes: () => readonly ExtensionRoute[] },
): void {
  void http.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Nailgun API', version: options.version, description: 'Fuel Nailgun REST API (v1)' },
      components: {
        securitySchemes: { authToken: { type: 'apiKey', in: 'header', name: 'X-Auth-Token' } },
      },
      security: [{ authToken: [] }],
    },
    transform: ({ schema, url, route }) => {
      const method = String(route.method)
      const documented = url.startsWith(`${DOCUMENTED_PREFIX}/`) && method !== 'HEAD'
      const config = (route.config ?? {}) as { public?: boolean; extensionRoute?: boolean }
      if (!documented || config.extensionRoute) return { schema: { ...schema, hide: true }, url }
      const tag = url.slice(DOCUMENTED_PREFIX.length + 1).split('/')[0] || 'api'
      const described = { ...schema, tags: schema?.tags ?? [tag], ...(config.public ? { security: [] } : {}) }
      return { schema: described, url }
    },
    transformObject: (document) =>
      finish((document as { openapiObject: OpenApiDocument }).openapiObject, options.extensionRoutes()) as never,
  })
  void http.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX })
  void http.register(async (scope) => {
    scope.get(OPENAPI_URL, { config: { public: true }, schema: { hide: true } }, async () => scope.swagger())
  })
}

/** Adds the extension paths and the error body, answered by every operation. */
function finish(document: OpenApiDocument, routes: readonly ExtensionRoute[]): OpenApiDocument {
  const paths = { ...document.paths, ...extensionPaths(routes, DOCUMENTED_PREFIX) }
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      const responses = (operation.responses ?? {}) as Record<string, unknown>
      operation.responses = {
        ...responses,
        default: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
        },
      }
    }
  }
  const components = document.components ?? {}
  return {
    ...document,
    paths,
    components: { ...components, schemas: { ...components.schemas, ErrorBody: ERROR_BODY } },
  }
}
