/**
 * Serves the web dashboard (`packages/ui/dist`, built by `npm run build -w @nailgun/ui`) at `/`,
 * outside the API. When it has not been built, `/` answers 503 with a page saying how to build it
 * rather than a bare 404.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

/** `packages/ui/dist`, beside this package. */
export const DEFAULT_UI_DIR = path.resolve(import.meta.dirname, '../../../ui/dist')

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Nailgun</title></head>
<body><h1>The web dashboard is not built</h1>
<p>Build it with <code>npm run build -w @nailgun/ui</code> and reload this page. The REST API is at <code>/api/v1</code>.</p>
</body></html>`

export function uiStatic(http: FastifyInstance, dir: string = DEFAULT_UI_DIR): void {
  if (!existsSync(path.join(dir, 'index.html'))) {
    http.get('/', async (_request, reply) => reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT))
    return
  }
  // Files are looked up per request (a rebuild needs no restart); a missing one goes to the app's
  // not-found handler, so unknown paths, under /api too, keep Nailgun's JSON 404. Hidden from OpenAPI.
  void http.register(fastifyStatic, { root: dir, prefix: '/', index: ['index.html'], wildcard: true, schemaHide: true })
}
