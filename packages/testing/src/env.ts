/**
 * `t.env`: the scenario factories an extension's tests need, over the REST API like a client
 * (and the seeded release rows for `createRelease`, which has no route). They wrap the kit's
 * factories and deploy helpers; the in-process orchestrator answers deployments.
 *
 * @example
 * ```ts
 * const t = await createTestApp({ extensions: [new MyExtension()] })
 * const cluster = await t.env.createCluster({ extensions: ['my_ext'] })
 * await t.env.createNode({ roles: ['controller'] })
 * await t.env.createNode({ roles: ['compute'] })
 * const task = await t.env.deploy()            // PUT /changes, waits: task.status === 'ready'
 * ```
 * @module
 */
import { createCluster, nextClusterName } from './cluster-factories.js'
import { type WaitOptions, waitForTask } from './deploy.js'
import { type AgentPayloadOptions, registerNode } from './factories.js'
import type { TestApp } from './test-app.js'

// biome-ignore lint/suspicious/noExplicitAny: the JSON is read loosely in tests, like TestResponse.body
type Loose = Record<string, any>

export interface CreateNodeOptions extends AgentPayloadOptions {
  /** Assign the node these roles in the environment (`cluster`, or the last one created). */
  roles?: readonly string[]
  cluster?: number | Loose
}

export interface TestEnv {
  /** A copy of the first seeded release (Mitaka) under a new name; `overrides` are column values. */
  createRelease(overrides?: Record<string, unknown>): Promise<Loose>
  /** `POST /clusters` (release 1 unless `release_id` is given); becomes the current environment. */
  createCluster(overrides?: Record<string, unknown>): Promise<Loose>
  /** Registers a node as nailgun-agent does; with `roles`, assigns it to the current environment. */
  createNode(options?: CreateNodeOptions): Promise<Loose>
  /** `PUT /clusters/<id>/changes` on the current (or given) environment and waits for the task. */
  deploy(cluster?: number | Loose, options?: WaitOptions): Promise<Loose>
  /** The current environment (the last one created), if any. */
  readonly cluster: Loose | undefined
}

export function createTestEnv(t: TestApp): TestEnv {
  let current: Loose | undefined
  const idOf = (cluster: number | Loose | undefined) => {
    const id = typeof cluster === 'number' ? cluster : (cluster ?? current)?.id
    if (id === undefined) throw new Error('No environment: call t.env.createCluster() first')
    return Number(id)
  }
  return {
    get cluster() {
      return current
    },
    createRelease: (overrides = {}) => copyRelease(t, overrides),
    async createCluster(overrides = {}) {
      current = await createCluster(t, overrides)
      return current
    },
    async createNode(options = {}) {
      const { roles, cluster, ...payload } = options
      const node = await registerNode(t, payload)
      if (!roles) return node
      const clusterId = idOf(cluster)
      const assigned = await t.post(`/api/v1/clusters/${clusterId}/assignment`, [{ id: node.id, roles: [...roles] }])
      if (assigned.status !== 200) throw new Error(`assignment: ${assigned.status} ${assigned.text}`)
      return (await t.get(`/api/v1/nodes/${node.id}`)).body
    },
    async deploy(cluster, options) {
      const id = idOf(cluster)
      const response = await t.put(`/api/v1/clusters/${id}/changes`)
      if (response.status !== 202) throw new Error(`PUT /changes: ${response.status} ${response.text}`)
      return waitForTask(t, response.body.id, options)
    },
  }
}

async function copyRelease(t: TestApp, overrides: Record<string, unknown>): Promise<Loose> {
  // biome-ignore lint/suspicious/noExplicitAny: a raw copy of a row, the same on both dialects
  const db = t.app.ctx.database.db as any
  const { id: _id, ...row } = await db.selectFrom('releases').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
  const values = { ...row, name: `${row.name} ${nextClusterName()}`, ...overrides }
  const inserted = await db.insertInto('releases').values(values).returning('id').executeTakeFirstOrThrow()
  return (await t.get(`/api/v1/releases/${inserted.id}`)).body
}
