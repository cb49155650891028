import {
  BaseExtension,
  BasePipeline,
  type DeploymentFacts,
  type DeploymentNodeFacts,
  type JsonObject,
  type NodeObject,
} from '@nailgun/extensions'
import { createTestApp, databases, prepareCluster, type TestApp, waitForTask } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Loose, ManualTransport } from '../deployment/helpers.js'

class TuneCommon extends BasePipeline {
  static override processDeploymentForCluster(_cluster: unknown, common: JsonObject) {
    common.tuned = { level: 3 }
    return common
  }
  static override processDeploymentForNode(_node: NodeObject, data: DeploymentNodeFacts) {
    data.tuned = true
    return data
  }
}

class Tuner extends BaseExtension {
  readonly name = 'tuner'
  readonly version = '1.2.3'
  readonly description = 'Tunes the common facts and every node'
  dataPipelines = [TuneCommon]
}

/** The fixture the contract must name: it deletes the first node's uid. */
class DropFirstUid extends BasePipeline {
  static override processDeployment(data: DeploymentFacts) {
    delete (data.nodes[0] as Partial<DeploymentNodeFacts>).uid
    return data
  }
}

class UidDropper extends BaseExtension {
  readonly name = 'uid_dropper'
  readonly version = '0.1.0'
  readonly description = 'Breaks the deployment facts contract'
  dataPipelines = [DropFirstUid]
}

const EXTENSIONS = () => [new Tuner(), new UidDropper()]

async function environment(t: TestApp, extensions: string[]) {
  const prepared = await prepareCluster(t, [['controller'], ['compute']])
  if (extensions.length > 0) {
    const put = await t.put(`/api/v1/clusters/${prepared.cluster.id}/extensions`, extensions)
    expect(put.status, put.text).toBe(200)
  }
  return { ...prepared, base: `/api/v1/clusters/${prepared.cluster.id}/orchestrator` }
}

describe.each(databases())('facts traces and the facts contract on %s', (database) => {
  let t: TestApp

  beforeAll(async () => {
    t = await createTestApp({ database, extensions: EXTENSIONS(), orchestrator: new ManualTransport() })
  })

  afterAll(async () => {
    await t?.close()
  })

  it('traces every stage of the deployment facts with its extension, method and JSON Patch', async () => {
    const { base } = await environment(t, ['tuner'])

    const res = await t.get(`${base}/deployment/trace`)

    expect(res.status, res.text).toBe(200)
    expect(res.body.kind).toBe('deployment')
    expect(res.body.contract).toEqual({ mode: 'report', coreViolations: [] })
    expect(res.body.stages).toEqual([
      expect.objectContaining({
        index: 0,
        extension: 'tuner',
        version: '1.2.3',
        pipeline: 'TuneCommon',
        method: 'processDeploymentForCluster',
        calls: 1,
        durationMs: expect.any(Number),
        patch: [{ op: 'add', path: '/common/tuned', value: { level: 3 } }],
      }),
      expect.objectContaining({
        index: 1,
        method: 'processDeploymentForNode',
        calls: 2,
        patch: [
          { op: 'add', path: '/nodes/0/tuned', value: true },
          { op: 'add', path: '/nodes/1/tuned', value: true },
        ],
      }),
    ])
    expect(res.body.stages[0]).not.toHaveProperty('contractViolations')
    expect(res.body.blame).toEqual({
      '/common/tuned': 'tuner@1.2.3',
      '/nodes/0/tuned': 'tuner@1.2.3',
      '/nodes/1/tuned': 'tuner@1.2.3',
    })
    expect(res.body).not.toHaveProperty('facts')
  })

  it("finds core's own provisioning and deployment facts within the contract", async () => {
    const { base } = await environment(t, [])

    const provisioning = await t.get(`${base}/provisioning/trace`)
    const deployment = await t.get(`${base}/deployment/trace`)

    expect(provisioning.body).toMatchObject({ kind: 'provisioning', stages: [], blame: {}, removed: {} })
    expect(provisioning.body.contract).toEqual({ mode: 'report', coreViolations: [] })
    expect(deployment.body.contract).toEqual({ mode: 'report', coreViolations: [] })
  })

  it('answers who set one field: an extension, through a parent it set, or core', async () => {
    const { base, nodes } = await environment(t, ['tuner'])

    const level = await t.get(`${base}/deployment/trace?blame=/common/tuned/level`)
    const fqdn = await t.get(`${base}/deployment/trace?blame=/nodes/0/fqdn`)

    expect(level.body).toEqual({
      pointer: '/common/tuned/level',
      setBy: 'tuner@1.2.3',
      at: '/common/tuned',
      pipeline: 'TuneCommon',
      method: 'processDeploymentForCluster',
      exists: true,
      value: 3,
    })
    expect(fqdn.body).toEqual({ pointer: '/nodes/0/fqdn', setBy: 'core', exists: true, value: nodes[0]?.fqdn })
  })

  it('answers 404 for a field the facts do not have, 400 for what is no JSON pointer', async () => {
    const { base } = await environment(t, ['tuner'])

    const missing = await t.get(`${base}/deployment/trace?blame=/common/nothing/here`)
    const invalid = await t.get(`${base}/deployment/trace?blame=common`)

    expect(missing.status).toBe(404)
    expect(invalid.status).toBe(400)
    expect(invalid.body.message).toMatch(/JSON pointer/)
  })

  it('adds the final facts on ?facts=1 and traces only the listed nodes on ?nodes=', async () => {
    const { base, nodes } = await environment(t, ['tuner'])

    const res = await t.get(`${base}/deployment/trace?facts=1&nodes=${nodes[1]?.id}`)

    expect(res.status, res.text).toBe(200)
    expect(res.body.facts.nodes.map((n: Loose) => n.uid)).toEqual([String(nodes[1]?.id)])
    expect(res.body.stages[1].patch).toEqual([{ op: 'add', path: '/nodes/0/tuned', value: true }])
  })

  it('names the extension that deleted nodes[0].uid on the stage, and still serves the facts (report)', async () => {
    const { base } = await environment(t, ['tuner', 'uid_dropper'])

    const trace = await t.get(`${base}/deployment/trace`)
    const defaults = await t.get(`${base}/deployment/defaults?split=1`)

    expect(trace.status, trace.text).toBe(200)
    const broken = (trace.body.stages as Loose[]).filter((s) => s.contractViolations)
    expect(broken).toEqual([
      expect.objectContaining({
        extension: 'uid_dropper',
        pipeline: 'DropFirstUid',
        method: 'processDeployment',
        patch: [{ op: 'remove', path: '/nodes/0/uid' }],
        contractViolations: [{ path: '/nodes/0/uid', message: "must have required property 'uid'" }],
      }),
    ])
    expect(trace.body.removed).toEqual({ '/nodes/0/uid': 'uid_dropper@0.1.0' })
    const who = await t.get(`${base}/deployment/trace?blame=/nodes/0/uid`)
    expect(who.body).toMatchObject({ setBy: 'uid_dropper@0.1.0', removed: true, exists: false })
    expect(defaults.status).toBe(200)
  })

  it('keeps the trace of a real deployment with its task, under /tasks and /transactions', async () => {
    const { cluster } = await environment(t, ['tuner'])
    const started = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    expect(started.status, started.text).toBe(202)
    const tasks = (await t.get(`/api/v1/tasks?cluster_id=${cluster.id}`)).body as Loose[]
    const deployment = tasks.find((task) => task.name === 'deployment') as Loose
    const provision = tasks.find((task) => task.name === 'provision') as Loose

    const trace = await t.get(`/api/v1/tasks/${deployment.id}/trace`)
    const sameTrace = await t.get(`/api/v1/transactions/${deployment.id}/trace`)
    const blame = await t.get(`/api/v1/tasks/${deployment.id}/trace?blame=/nodes/1/tuned`)
    const provisioning = await t.get(`/api/v1/tasks/${provision.id}/trace`)
    const supertask = await t.get(`/api/v1/tasks/${started.body.id}/trace`)

    expect(trace.status, trace.text).toBe(200)
    expect(trace.body.kind).toBe('deployment')
    expect(trace.body.stages.map((s: Loose) => s.method)).toEqual([
      'processDeploymentForCluster',
      'processDeploymentForNode',
    ])
    expect(trace.body.blame['/common/tuned']).toBe('tuner@1.2.3')
    expect(sameTrace.body).toEqual(trace.body)
    expect(blame.body).toMatchObject({ setBy: 'tuner@1.2.3', exists: true, value: true })
    expect(provisioning.status, provisioning.text).toBe(200)
    expect(provisioning.body).toMatchObject({ kind: 'provisioning', stages: [] })
    expect(supertask.status).toBe(404)
    expect((await t.get('/api/v1/tasks/999999/trace')).status).toBe(404)
  })
})

describe.each(databases())('an enforced facts contract on %s', (database) => {
  let t: TestApp

  beforeAll(async () => {
    t = await createTestApp({
      database,
      extensions: EXTENSIONS(),
      config: { factsContract: 'enforce', simulatorStepMs: 0 },
    })
  })

  afterAll(async () => {
    await t?.close()
  })

  it('fails the facts request with a coded error naming the extension, the pipeline and the path', async () => {
    const { base } = await environment(t, ['tuner', 'uid_dropper'])

    const res = await t.get(`${base}/deployment/defaults`)

    expect(res.status).toBe(500)
    expect(res.body.message).toBe(
      "Extension 'uid_dropper' broke the deployment facts contract in DropFirstUid.processDeployment: " +
        "/nodes/0/uid must have required property 'uid'",
    )
    expect(res.body.errors).toEqual([
      expect.objectContaining({ extension: 'uid_dropper', pipeline: 'DropFirstUid', path: '/nodes/0/uid' }),
    ])
  })

  it('still explains the facts on the trace endpoint, where the violation is reported', async () => {
    const { base } = await environment(t, ['uid_dropper'])

    const res = await t.get(`${base}/deployment/trace`)

    expect(res.status, res.text).toBe(200)
    expect(res.body.stages[0].contractViolations).toEqual([
      { path: '/nodes/0/uid', message: "must have required property 'uid'" },
    ])
  })

  it('ends the deployment in error with the message naming the extension', async () => {
    const { cluster } = await environment(t, ['uid_dropper'])

    const started = await t.put(`/api/v1/clusters/${cluster.id}/changes`)
    const task = await waitForTask(t, started.body.id)

    expect(task.status).toBe('error')
    expect(task.message).toMatch(/^Extension 'uid_dropper' broke the deployment facts contract in DropFirstUid/)
  })

  it('lets compliant extensions through', async () => {
    const { base } = await environment(t, ['tuner'])

    expect((await t.get(`${base}/deployment/defaults`)).status).toBe(200)
    expect((await t.get(`${base}/provisioning/defaults`)).status).toBe(200)
  })
})
