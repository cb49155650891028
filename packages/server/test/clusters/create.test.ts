import { createCluster, createTestApp, databases, nextClusterName, type TestApp } from '@nailgun/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { RELEASE_FIXTURES } from '../../src/domain/release/release-fixtures.js'
import { API, clusterRow, rowCounts } from './helpers.js'
import { RecorderExtension } from './recorder.js'

const mitaka = RELEASE_FIXTURES[0]!

describe.each(databases())('POST /clusters on %s', (database) => {
  let t: TestApp
  const recorder = new RecorderExtension()
  // Named like the release's default extension, so the copy of the release's list can be seen.
  const volumes = new RecorderExtension('volume_manager')
  beforeAll(async () => {
    t = await createTestApp({ database, extensions: [recorder, volumes] })
  })
  afterEach(() => {
    recorder.reset()
    volumes.reset()
  })
  afterAll(() => t.close())

  /** Sends a refused request and proves nothing was written. */
  async function refused(body: unknown, status: number, message: RegExp | string) {
    const before = await rowCounts(t)
    const res = await t.post(`${API}/clusters`, body)
    expect(res.status).toBe(status)
    expect(res.body.message).toMatch(message)
    expect(res.body.errors).toBeInstanceOf(Array)
    expect(await rowCounts(t)).toEqual(before)
  }

  it('creates an environment and answers 201 with Nailgun cluster JSON', async () => {
    const name = nextClusterName()
    const res = await t.post(`${API}/clusters`, { name, release_id: 1, mode: 'ha_compact', net_provider: 'neutron' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(Number),
      name,
      mode: 'ha_compact',
      status: 'new',
      net_provider: 'neutron',
      release_id: 1,
      fuel_version: '10.0',
      is_customized: false,
      is_locked: false,
      ui_settings: {
        view_mode: 'standard',
        filter: {},
        sort: [{ roles: 'asc' }],
        filter_by_labels: {},
        sort_by_labels: [],
        search: '',
      },
      changes: [
        { name: 'attributes', node_id: null },
        { name: 'networks', node_id: null },
      ],
      components: [],
      pending_release_id: null,
    })
    expect((await t.get(`${API}/clusters/${res.body.id}`)).body).toEqual(res.body)
  })

  it('accepts the release as `release` and defaults mode and network provider', async () => {
    const res = await t.post(`${API}/clusters`, { name: nextClusterName(), release: 2 })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ release_id: 2, mode: 'ha_compact', net_provider: 'neutron' })
  })

  it("copies the release's editable settings", async () => {
    const cluster = await createCluster(t)
    const res = await t.get(`${API}/clusters/${cluster.id}/attributes`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ editable: mitaka.attributesMetadata.editable })
  })

  it('generates the generated attributes once, differently for each environment', async () => {
    const a = await clusterRow(t, (await createCluster(t)).id)
    const b = await clusterRow(t, (await createCluster(t)).id)
    const generatedA = JSON.parse(a.generated_attributes)
    const generatedB = JSON.parse(b.generated_attributes)
    expect(generatedA.mysql.root_password).toMatch(/^[A-Za-z0-9]{24}$/)
    expect(generatedA.keystone.admin_token).toMatch(/^[A-Za-z0-9]{24}$/)
    expect(generatedA.mysql.root_password).not.toBe(generatedB.mysql.root_password)
    // Reading the settings does not generate again.
    await t.get(`${API}/clusters/${a.id}/attributes`)
    expect(JSON.parse((await clusterRow(t, a.id)).generated_attributes)).toEqual(generatedA)
  })

  it("enables the release's default extensions that are installed, and only those", async () => {
    const cluster = await createCluster(t)
    expect(JSON.parse((await clusterRow(t, cluster.id)).extensions)).toEqual(['volume_manager'])
  })

  it('creates the default node group', async () => {
    const cluster = await createCluster(t)
    const res = await t.get(`${API}/nodegroups?cluster_id=${cluster.id}`)
    expect(res.body).toEqual([{ id: expect.any(Number), cluster_id: cluster.id, name: 'default', is_default: true }])
  })

  it('fires onClusterCreate with the environment and the request, then onNodegroupCreate for the default group', async () => {
    const name = nextClusterName()
    const res = await t.post(`${API}/clusters`, { name, release_id: 1, unknown_field: 'kept' })
    expect(recorder.events()).toEqual(['onClusterCreate', 'onNodegroupCreate'])
    const [create, group] = recorder.seen
    expect(create?.args[0]).toMatchObject({ id: res.body.id, name, extensions: ['volume_manager'], status: 'new' })
    expect(create?.args[1]).toMatchObject({ name, release_id: 1, mode: 'ha_compact', unknown_field: 'kept' })
    expect(group?.args[0]).toMatchObject({ clusterId: res.body.id, name: 'default', isDefault: true })
  })

  it('rolls everything back when an extension refuses the new default node group', async () => {
    recorder.breakAt = 'onNodegroupCreate'
    await refused({ name: nextClusterName(), release_id: 1 }, 403, /refused at onNodegroupCreate/)
  })

  it('requires a release: 400 "Release ID is required", nothing created', async () => {
    await refused({ name: nextClusterName() }, 400, 'Release ID is required')
    await refused({ name: nextClusterName(), release_id: null }, 400, 'Release ID is required')
  })

  it('refuses an unknown release with 400 "Invalid release ID"', async () => {
    await refused({ name: nextClusterName(), release_id: 999 }, 400, 'Invalid release ID')
  })

  it('refuses a release that is not deployable with 403', async () => {
    await refused({ name: nextClusterName(), release_id: 3 }, 403, /not deployable/)
  })

  it('refuses a duplicate name with 409 and changes nothing', async () => {
    const existing = await createCluster(t)
    await refused({ name: existing.name, release_id: 1 }, 409, 'Environment with this name already exists')
  })

  it('refuses a mode the release does not offer with 400', async () => {
    await refused({ name: nextClusterName(), release_id: 1, mode: 'multinode' }, 400, /Cannot deploy in multinode mode/)
  })

  it('refuses a missing, empty or too long name, and wrong types, with 400', async () => {
    await refused({ release_id: 1 }, 400, /name/)
    await refused({ name: '', release_id: 1 }, 400, /name/)
    await refused({ name: 'x'.repeat(51), release_id: 1 }, 400, /name/)
    await refused({ name: nextClusterName(), release_id: '1' }, 400, /release_id/)
    await refused({ name: nextClusterName(), release_id: 1, net_provider: 'flat' }, 400, /net_provider/)
    await refused(
      { name: nextClusterName(), release_id: 1, ui_settings: { view_mode: 'standard' } },
      400,
      /ui_settings/,
    )
  })
})
