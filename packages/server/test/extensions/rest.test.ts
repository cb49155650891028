/**
 * Extension REST handlers: served under /api and /api/v1 behind core's authentication and RBAC,
 * named groups from Python-style regexes, one transaction per request, 405 for a missing method,
 * errors mapped as core's; core routes win and an extension claiming one fails to load.
 */
import { BaseExtension, BaseHandler, type HandlerRequest, type UrlSpec } from '@nailgun/extensions'
import { createTestApp, databases, login, logout, type TestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../src/auth/users.js'
import { hasExtensionRoute } from '../../src/extensions/routes.js'
import { API, fixture } from './helpers.js'

const ADMIN_PASSWORD = 'admin-secret-1234'
const READER_PASSWORD = 'reader-secret-1234'

class ExtraHandler extends BaseHandler {
  GET({ params }: HandlerRequest) {
    return { extra: params.node_id }
  }
}

/** Lives under core's `/nodes/` prefix without overlapping a core route. */
class NodeExtrasExtension extends BaseExtension {
  readonly name = 'fx_extras'
  readonly version = '1.0.0'
  readonly description = 'Adds a sub-resource to nodes'
  urls: UrlSpec[] = [{ uri: String.raw`/nodes/(?P<node_id>\d+)/fx_extra/?$`, handler: ExtraHandler }]
}

describe.each(databases())('extension REST handlers on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({
      database,
      config: { auth: 'keystone', adminPassword: ADMIN_PASSWORD },
      extensions: [fixture('rest'), new NodeExtrasExtension()],
    })
    await createUser(t.app.ctx.database.db, { name: 'reader', password: READER_PASSWORD, role: 'reader' })
    await login(t, 'admin', ADMIN_PASSWORD)
  })
  afterAll(() => t.close())

  const asAdmin = () => login(t, 'admin', ADMIN_PASSWORD)

  it('passes the named groups of a Python-style uri, the query and the caller, under /api and /api/v1', async () => {
    await asAdmin()
    const res = await t.get(`${API}/fx_rest/12/notes?x=1&x=2`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ params: { node_id: '12' }, query: { x: '2' }, user: 'admin', notes: [] })
    const short = await t.get('/api/fx_rest/12/notes/')
    expect(short.body.params).toEqual({ node_id: '12' })
  })

  it('applies core authentication and RBAC: 401 without a token, a reader may only GET', async () => {
    logout(t)
    expect((await t.get(`${API}/fx_rest/1/notes`)).status).toBe(401)
    await login(t, 'reader', READER_PASSWORD)
    expect((await t.get(`${API}/fx_rest/1/notes`)).status).toBe(200)
    const put = await t.put(`${API}/fx_rest/1/notes`, 'hello')
    expect(put.status).toBe(403)
    expect(put.body.message).toBe('You do not have the administrator rights')
  })

  it('commits on success and answers the status the handler chose', async () => {
    await asAdmin()
    const put = await t.put(`${API}/fx_rest/5/notes`, 'disk replaced')
    expect(put.status).toBe(201)
    expect(put.body).toEqual({ saved: 'disk replaced' })
    expect((await t.get(`${API}/fx_rest/5/notes`)).body.notes).toEqual(['disk replaced'])
    const empty = await t.inject({ method: 'GET', url: `${API}/fx_rest/empty` })
    expect(empty.statusCode).toBe(204)
    expect(empty.body).toBe('')
  })

  it('maps a coded error as core does and rolls the request back', async () => {
    await asAdmin()
    const res = await t.post(`${API}/fx_rest/6/notes`, {})
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ message: 'Node 6 is unknown here', errors: [] })
    expect((await t.get(`${API}/fx_rest/6/notes`)).body.notes).toEqual([])
  })

  it('attributes any other failure to the extension and its handler', async () => {
    await asAdmin()
    const res = await t.delete(`${API}/fx_rest/6/notes`)
    expect(res.status).toBe(500)
    expect(res.body).toEqual({
      message: "Extension 'fx_rest' failed in NodeNotesHandler.DELETE: disk on fire",
      errors: [{ extension: 'fx_rest', stage: 'NodeNotesHandler.DELETE' }],
    })
  })

  it('answers 405 with the error body and Allow for a method the handler lacks', async () => {
    await asAdmin()
    const res = await t.patch(`${API}/fx_rest/6/notes`, {})
    expect(res.status).toBe(405)
    expect(res.body).toEqual({ message: 'Method PATCH is not allowed here', errors: [] })
    expect(res.headers.allow).toBe('GET, POST, PUT, DELETE')
  })

  it('answers 404 for a path no extension serves, and leaves core routes to core', async () => {
    await asAdmin()
    expect((await t.get(`${API}/fx_rest/abc/notes`)).status).toBe(404)
    expect((await t.get(`${API}/fx_rest/abc/notes`)).body.message).toMatch(/^No route for/)
    expect((await t.get(`${API}/nodes/4/fx_extra`)).body).toEqual({ extra: '4' })
    const core = await t.get(`${API}/nodes/4`)
    expect(core.status).toBe(404)
    expect(core.body.message).toBe('Node not found')
  })

  it('exposes the route table for tools that walk the routes', () => {
    const host = t.app.ctx.extensions
    expect(hasExtensionRoute(host, '/fx_rest/1/notes', 'GET')).toBe(true)
    expect(hasExtensionRoute(host, '/fx_rest/1/notes', 'PATCH')).toBe(false)
    expect(hasExtensionRoute(host, '/nodes/1')).toBe(false)
    expect(host.routes.all().map((r) => [r.extension, r.handlerName, r.prefix])).toEqual([
      ['fx_extras', 'ExtraHandler', '/nodes/'],
      ['fx_rest', 'NodeNotesHandler', '/fx_rest/'],
      ['fx_rest', 'EmptyHandler', '/fx_rest/'],
    ])
  })
})

describe('an extension claiming a core route', () => {
  it('fails to load, naming package, entry, uri and the core route', async () => {
    await expect(createTestApp({ extensions: [fixture('shadow')] })).rejects.toThrow(
      "Extension Shadow of package @fx/shadow: uri '/nodes/(?<node_id>\\d+)/?$' overlaps the core route /nodes/:obj_id (core routes take precedence)",
    )
  })

  it('is listed as failed and serves nothing with skipBrokenExtensions, and core keeps the route', async () => {
    const t = await createTestApp({ extensions: [fixture('shadow')], config: { skipBrokenExtensions: true } })
    try {
      const listed = await t.get(`${API}/extensions`)
      expect(listed.body).toEqual([
        {
          name: 'fx_shadow',
          version: '1.0.0',
          description: 'Tries to take over /nodes/<id>',
          provides: [],
          status: 'failed',
          error: expect.stringContaining('overlaps the core route /nodes/:obj_id'),
        },
      ])
      expect((await t.get(`${API}/nodes/1`)).body.message).toBe('Node not found')
    } finally {
      await t.close()
    }
  })
})
