/**
 * A REST handler that hangs is cut off after its extension's timeoutMs: 504 naming the extension
 * and handler, what it wrote before hanging is rolled back, and the server keeps serving.
 */
import { BaseExtension, BaseHandler, type HandlerRequest, type UrlSpec } from '@nailgun/extensions'
import { createTestApp, databases, type TestApp } from '@nailgun/testing'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

let release: () => void = () => {}

class HangingHandler extends BaseHandler {
  /** Writes through the request's transaction, then never answers (until the test lets it go). */
  async POST({ ctx }: HandlerRequest) {
    await sql`insert into fx_hang_marks (note) values ('before-hang')`.execute(ctx.db as never)
    await new Promise<void>((resolve) => {
      release = resolve
    })
    // Late writes after the timeout must not land either: the transaction is gone.
    await sql`insert into fx_hang_marks (note) values ('after-hang')`.execute(ctx.db as never)
    return { late: true }
  }

  GET() {
    return { ok: true }
  }
}

class HangingExtension extends BaseExtension {
  readonly name = 'fx_hang'
  readonly version = '1.0.0'
  readonly description = 'A handler that never answers'
  timeoutMs = 150
  urls: UrlSpec[] = [{ uri: /^\/fx_hang$/, handler: HangingHandler }]
}

describe.each(databases())('a hanging extension REST handler on %s', (database) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ database, extensions: [new HangingExtension()] })
    await sql`create table fx_hang_marks (note text)`.execute(t.app.ctx.database.db as never)
  })
  afterAll(async () => {
    release()
    await t.close()
  })

  const marks = async () =>
    (await sql<{ note: string }>`select note from fx_hang_marks`.execute(t.app.ctx.database.db as never)).rows

  it('times out with 504 naming the extension and handler, and rolls back its writes', async () => {
    const started = Date.now()
    const res = await t.post('/api/v1/fx_hang', {})
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(res.status).toBe(504)
    expect(res.body.message).toBe("Extension 'fx_hang' failed in HangingHandler.POST: timed out after 150 ms")
    expect(res.body.errors).toEqual([
      { extension: 'fx_hang', stage: 'HangingHandler.POST', code: 'NG_ERR_EXTENSION_TIMEOUT' },
    ])
    expect(await marks()).toEqual([])
  })

  it('keeps serving, and the late handler cannot write once let go', async () => {
    expect((await t.get('/api/v1/fx_hang')).status).toBe(200)
    expect((await t.get('/api/v1/releases')).status).toBe(200)
    release()
    await new Promise((r) => setTimeout(r, 100))
    expect(await marks()).toEqual([])
    expect((await t.post('/api/v1/clusters', { name: 'after-hang', release_id: 1 })).status).toBe(201)
  })
})
