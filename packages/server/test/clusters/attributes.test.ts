import { createCluster, createTestApp, databases, type TestApp } from '@nailgun/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { RELEASE_FIXTURES } from '../../src/domain/release/release-fixtures.js'
import { API } from './helpers.js'
import { RecorderExtension } from './recorder.js'

const defaults = RELEASE_FIXTURES[0]!.attributesMetadata.editable as Record<string, Record<string, { value: unknown }>>

describe.each(databases())('/clusters/<id>/attributes on %s', (database) => {
  let t: TestApp
  const recorder = new RecorderExtension()
  beforeAll(async () => {
    t = await createTestApp({ database, extensions: [recorder] })
  })
  afterEach(() => recorder.reset())
  afterAll(() => t.close())

  const url = (id: number) => `${API}/clusters/${id}/attributes`

  /** Sends a refused patch and proves neither the settings nor the pending changes moved. */
  async function refused(id: number, body: unknown, message: RegExp | string) {
    const before = [(await t.get(url(id))).body, (await t.get(`${API}/clusters/${id}`)).body]
    recorder.reset()
    const res = await t.patch(url(id), body)
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(message)
    expect([(await t.get(url(id))).body, (await t.get(`${API}/clusters/${id}`)).body]).toEqual(before)
    expect(recorder.events()).toEqual([])
  }

  it('PATCH merges the given values into the settings and answers the whole editable tree', async () => {
    const cluster = await createCluster(t)
    const res = await t.patch(url(cluster.id), {
      editable: { common: { debug: { value: true } }, syslog: { syslog_server: { value: 'logs.local' } } },
    })
    expect(res.status).toBe(200)
    expect(res.body.editable.common.debug).toEqual({ ...defaults.common!.debug, value: true })
    expect(res.body.editable.syslog.syslog_server.value).toBe('logs.local')
    expect(res.body.editable.storage).toEqual(defaults.storage)
    expect((await t.get(url(cluster.id))).body).toEqual(res.body)
  })

  it('PUT merges too (Nailgun treats it as PATCH)', async () => {
    const cluster = await createCluster(t)
    await t.put(url(cluster.id), { editable: { access: { user: { value: 'operator' } } } })
    const res = await t.put(url(cluster.id), { editable: { access: { tenant: { value: 'ops' } } } })
    expect(res.status).toBe(200)
    expect(res.body.editable.access.user.value).toBe('operator')
    expect(res.body.editable.access.tenant.value).toBe('ops')
    expect(res.body.editable.access.password.value).toBe('admin')
  })

  it('accepts the whole tree it served, sent back with one value changed (what fuel-ui does)', async () => {
    const cluster = await createCluster(t)
    const served = (await t.get(url(cluster.id))).body
    served.editable.storage.volumes_ceph.value = true
    const res = await t.put(url(cluster.id), served)
    expect(res.status).toBe(200)
    expect(res.body).toEqual(served)
  })

  it('marks attributes as a pending change once, and fires onClusterPatchAttributes with the new settings', async () => {
    const cluster = await createCluster(t)
    recorder.reset()
    await t.patch(url(cluster.id), { editable: { common: { debug: { value: true } } } })
    await t.patch(url(cluster.id), { editable: { common: { debug: { value: false } } } })
    const changes = (await t.get(`${API}/clusters/${cluster.id}`)).body.changes
    expect(changes.filter((c: { name: string }) => c.name === 'attributes')).toHaveLength(1)
    expect(recorder.events()).toEqual(['onClusterPatchAttributes', 'onClusterPatchAttributes'])
    const [env, publicMap] = recorder.seen[1]!.args as [{ id: number; attributes: typeof defaults }, unknown]
    expect(env.id).toBe(cluster.id)
    expect(env.attributes.common!.debug!.value).toBe(false)
    expect(publicMap).toEqual({})
  })

  it('rolls the patch back when an extension refuses it', async () => {
    const cluster = await createCluster(t)
    const before = (await t.get(url(cluster.id))).body
    recorder.breakAt = 'onClusterPatchAttributes'
    const res = await t.patch(url(cluster.id), { editable: { common: { debug: { value: true } } } })
    expect(res.status).toBe(403)
    expect((await t.get(url(cluster.id))).body).toEqual(before)
  })

  it('refuses a body without an editable object, or one touching generated values, with 400', async () => {
    const cluster = await createCluster(t)
    await refused(cluster.id, {}, 'Editable attributes should be a dictionary')
    await refused(cluster.id, { editable: [] }, 'Editable attributes should be a dictionary')
    await refused(
      cluster.id,
      { editable: {}, generated: { mysql: {} } },
      'It is not allowed to update generated attributes',
    )
    expect((await t.patch(url(cluster.id), [1, 2])).status).toBe(400)
  })

  it('refuses unknown sections and settings with 400', async () => {
    const cluster = await createCluster(t)
    await refused(cluster.id, { editable: { nosuch: { x: { value: 1 } } } }, "Unknown settings section 'nosuch'")
    await refused(cluster.id, { editable: { common: { nosuch: { value: 1 } } } }, "Unknown setting 'common.nosuch'")
    // JSON.parse makes `__proto__` an own key: it must not reach Object.prototype.
    const proto = await t.inject({
      method: 'PATCH',
      url: url(cluster.id),
      payload: '{"editable": {"__proto__": {"polluted": {"value": 1}}}}',
      headers: { 'content-type': 'application/json' },
    })
    expect(proto.statusCode).toBe(400)
    expect(JSON.parse(proto.body).message).toMatch(/Unknown settings section '__proto__'/)
    await refused(cluster.id, { editable: { common: 'on' } }, "Settings section 'common' should be a dictionary")
  })

  it("refuses values of the wrong type for the setting's type with 400, changing nothing else in the request", async () => {
    const cluster = await createCluster(t)
    const both = (debug: unknown) => ({
      editable: { access: { user: { value: 'ok' } }, common: { debug: { value: debug } } },
    })
    await refused(cluster.id, both('yes'), "Value of setting 'common.debug' should be a boolean")
    await refused(
      cluster.id,
      { editable: { access: { user: { value: 7 } } } },
      "Value of setting 'access.user' should be a string",
    )
    await refused(
      cluster.id,
      { editable: { provision: { method: { value: false } } } },
      /provision.method' should be a string/,
    )
    await refused(
      cluster.id,
      { editable: { common: { debug: true } } },
      "Setting 'common.debug' should be a dictionary",
    )
    await refused(
      cluster.id,
      { editable: { common: { debug: { type: 'text', value: 'x' } } } },
      /'type' of setting 'common.debug' cannot be changed/,
    )
  })

  it('answers 404 for an unknown environment', async () => {
    expect((await t.get(url(99999))).status).toBe(404)
    expect((await t.patch(url(99999), { editable: {} })).status).toBe(404)
    expect((await t.get(`${url(99999)}/defaults`)).status).toBe(404)
  })

  it("serves the release's defaults, whatever the environment's current settings", async () => {
    const cluster = await createCluster(t)
    await t.patch(url(cluster.id), { editable: { common: { debug: { value: true } } } })
    const res = await t.get(`${url(cluster.id)}/defaults`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ editable: defaults })
  })
})
