import {
  BaseExtension,
  BasePipeline,
  type DeploymentNodeFacts,
  type NodeObject,
  type ProvisioningNodeFacts,
} from '@nailgun/extensions'
import { createTestApp, databases, prepareCluster, type TestApp, waitForTask } from '@nailgun/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { type Loose, RecordingTransport } from './helpers.js'

class MarkNodes extends BasePipeline {
  static override processDeploymentForNode(_node: NodeObject, data: DeploymentNodeFacts) {
    data.marked = true
    return data
  }
  static override processProvisioningForNode(_node: NodeObject, data: ProvisioningNodeFacts) {
    data.marked = true
    return data
  }
}

class Marker extends BaseExtension {
  readonly name = 'marker'
  readonly version = '1.0.0'
  readonly description = 'Marks every node the pipelines see'
  dataPipelines = [MarkNodes]
}

describe.each(databases())('orchestrator facts endpoints on %s', (database) => {
  let t: TestApp
  let orchestrator: RecordingTransport

  afterEach(async () => {
    await t.close()
  })

  async function environment() {
    orchestrator = new RecordingTransport({ stepMs: 0 })
    t = await createTestApp({ database, extensions: [new Marker()], orchestrator })
    const prepared = await prepareCluster(t)
    expect((await t.put(`/api/v1/clusters/${prepared.cluster.id}/extensions`, ['marker'])).status).toBe(200)
    const base = `/api/v1/clusters/${prepared.cluster.id}/orchestrator`
    return { ...prepared, base, ids: prepared.nodes.map((n) => String(n.id)) }
  }

  it('serves the default deployment facts: merged per node, or split with the common element', async () => {
    const { base, ids, cluster } = await environment()
    const legacy = (await t.get(`${base}/deployment/defaults`)).body as Loose[]
    expect(legacy.map((n) => n.uid)).toEqual(ids)
    expect(legacy.every((n) => n.deployment_id === cluster.id && n.marked === true)).toBe(true)
    const split = (await t.get(`${base}/deployment/defaults?split=1`)).body as Loose[]
    expect(split.map((n) => n.uid)).toEqual([...ids, 'common'])
    expect(split[0]).not.toHaveProperty('deployment_id')
    expect(split.at(-1)).toMatchObject({ uid: 'common', deployment_id: cluster.id })
    const some = (await t.get(`${base}/deployment/defaults?nodes=${ids[0]},${ids[2]}`)).body as Loose[]
    expect(some.map((n) => n.uid)).toEqual([ids[0], ids[2]])
  })

  it('serves the default provisioning facts, for all nodes or the listed ones', async () => {
    const { base, ids } = await environment()
    const facts = (await t.get(`${base}/provisioning/defaults`)).body as Loose
    expect(Object.keys(facts)).toEqual(expect.arrayContaining(['engine', 'nodes', 'fault_tolerance']))
    expect(facts.nodes.map((n: Loose) => [n.uid, n.marked])).toEqual(ids.map((id) => [id, true]))
    const one = (await t.get(`${base}/provisioning/defaults?nodes=${ids[1]}`)).body as Loose
    expect(one.nodes.map((n: Loose) => n.uid)).toEqual([ids[1]])
  })

  it('refuses nodes of another environment and malformed lists with 400', async () => {
    const { base, cluster } = await environment()
    const other = (await prepareCluster(t, [['compute']])).nodes[0] as Loose
    for (const kind of ['deployment', 'provisioning']) {
      const response = await t.get(`${base}/${kind}/defaults?nodes=${other.id},999`)
      expect(response.status).toBe(400)
      expect(response.body.message).toBe(`Nodes ${other.id}, 999 do not belong to cluster ${cluster.id}`)
      expect((await t.get(`${base}/${kind}/defaults?nodes=a`)).status).toBe(400)
    }
    expect((await t.get('/api/v1/clusters/999/orchestrator/deployment/defaults')).status).toBe(404)
  })

  it('gives back replaced deployment facts exactly as they were put, in either form', async () => {
    const { base, ids, cluster } = await environment()
    expect((await t.get(`${base}/deployment`)).body).toEqual([])
    const split = ((await t.get(`${base}/deployment/defaults?split=1`)).body as Loose[]).map((entry) =>
      entry.uid === 'common' ? { uid: 'common', custom_common: { a: 1 } } : { ...entry, custom: entry.uid },
    )
    const put = await t.put(`${base}/deployment`, split)
    expect(put.status).toBe(200)
    expect(put.body).toEqual(split)
    expect((await t.get(`${base}/deployment?split=1`)).body).toEqual(split)
    const legacy = (await t.get(`${base}/deployment`)).body as Loose[]
    expect(legacy.map((n) => [n.uid, n.custom, n.custom_common])).toEqual(ids.map((id) => [id, id, { a: 1 }]))
    expect((await t.get(`/api/v1/clusters/${cluster.id}`)).body.is_customized).toBe(true)

    const plain = [{ uid: ids[0], role: 'controller', foo: 'bar' }]
    await t.put(`${base}/deployment`, plain)
    expect((await t.get(`${base}/deployment`)).body).toEqual(plain)
  })

  it('gives back replaced provisioning facts exactly as they were put', async () => {
    const { base, ids } = await environment()
    expect((await t.get(`${base}/provisioning`)).body).toEqual({})
    const body = { engine: { url: 'http://cobbler', custom: true }, nodes: [{ uid: ids[1], hostname: 'custom' }] }
    const put = await t.put(`${base}/provisioning`, body)
    expect(put.status).toBe(200)
    expect(put.body).toEqual(body)
    expect((await t.get(`${base}/provisioning`)).body).toEqual(body)
  })

  it('clears replaced facts with DELETE: 202 {}', async () => {
    const { base, ids, cluster } = await environment()
    await t.put(`${base}/deployment`, [{ uid: ids[0], x: 1 }])
    await t.put(`${base}/provisioning`, { engine: {}, nodes: [{ uid: ids[0] }] })
    const deleted = await t.delete(`${base}/deployment`)
    expect(deleted.status).toBe(202)
    expect(deleted.body).toEqual({})
    expect((await t.get(`${base}/deployment`)).body).toEqual([])
    expect((await t.get(`/api/v1/clusters/${cluster.id}`)).body.is_customized).toBe(true)
    expect((await t.delete(`${base}/provisioning`)).status).toBe(202)
    expect((await t.get(`${base}/provisioning`)).body).toEqual({})
    expect((await t.get(`/api/v1/clusters/${cluster.id}`)).body.is_customized).toBe(false)
  })

  it('refuses malformed replaced facts with 400 and keeps what was stored', async () => {
    const { base, ids } = await environment()
    await t.put(`${base}/deployment`, [{ uid: ids[0], x: 1 }])
    for (const body of [{ nope: 1 }, [{ no_uid: true }], 'text', [1]]) {
      const response = await t.put(`${base}/deployment`, body)
      expect(response.status).toBe(400)
      expect(response.body).toEqual({ message: expect.any(String), errors: expect.any(Array) })
    }
    const empty = await t.inject({
      method: 'PUT',
      url: `${base}/provisioning`,
      headers: { 'content-type': 'application/json' },
      payload: '',
    })
    expect(empty.statusCode).toBe(400)
    expect((await t.put(`${base}/provisioning`, { nodes: 'x' })).status).toBe(400)
    expect((await t.get(`${base}/deployment`)).body).toEqual([{ uid: ids[0], x: 1 }])
    expect((await t.put('/api/v1/clusters/999/orchestrator/deployment', [])).status).toBe(404)
  })

  it('sends replaced node facts verbatim, past the pipelines, and the others through them', async () => {
    const { base, ids, cluster } = await environment()
    const [first] = (await t.get(`${base}/deployment/defaults?split=1`)).body as Loose[]
    const { marked: _marked, ...replaced }: Loose = { ...(first as Loose), replaced: true }
    await t.put(`${base}/deployment`, [replaced])
    const response = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    await waitForTask(t, response.body.id)
    const deploy = orchestrator.messages.find((m) => m.method === 'granular_deploy') as Loose
    const nodes = deploy.args.deployment_info.nodes as Loose[]
    expect(nodes.map((n) => [n.uid, n.marked, n.replaced])).toEqual([
      [ids[0], undefined, true],
      [ids[1], true, undefined],
      [ids[2], true, undefined],
    ])
    const { tasks: _sent, ...sent } = nodes[0] as Loose
    const { tasks: _put, ...expected } = replaced as Loose
    expect(sent).toEqual(expected)
  })

  it('casts Astute envelopes with linear facts: deployment_info split into common and nodes', async () => {
    const { cluster, ids } = await environment()
    const response = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    await waitForTask(t, response.body.id)
    const [provision, deploy] = orchestrator.casts[0] as unknown as [Loose, Loose]
    expect(provision).toMatchObject({
      api_version: '1',
      method: 'image_provision',
      respond_to: 'provision_resp',
      args: { task_uuid: expect.any(String), provisioning_info: { engine: expect.any(Object) } },
    })
    expect(provision.args.provisioning_info.nodes.map((n: Loose) => n.uid)).toEqual(ids)
    expect(deploy).toMatchObject({ api_version: '1', method: 'granular_deploy', respond_to: 'deploy_resp' })
    const info = deploy.args.deployment_info as Loose
    expect(Object.keys(info).sort()).toEqual(['common', 'nodes'])
    expect(info.common.deployment_id).toBe(cluster.id)
    for (const node of info.nodes as Loose[]) {
      expect(node).not.toHaveProperty('deployment_id')
      expect(node).not.toHaveProperty('network_metadata')
    }
  })
})
