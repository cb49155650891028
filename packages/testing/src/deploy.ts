/**
 * Deployment helpers: an environment with nodes and roles, and waiting for tasks to finish
 * (the orchestrator answers asynchronously, so tests poll, as fuelclient does).
 *
 * @example
 * ```ts
 * const { cluster, nodes, task } = await deployCluster(t)   // controller, compute, cinder; PUT /changes
 * const done = await waitForTask(t, task.id)               // GET /tasks/<id> until ready or error
 * ```
 * @module
 */
import { setTimeout as delay } from 'node:timers/promises'
import { createCluster } from './cluster-factories.js'
import { registerNode } from './factories.js'
import type { TestApp, TestResponse } from './test-app.js'

// biome-ignore lint/suspicious/noExplicitAny: the JSON is read loosely in tests, like TestResponse.body
type Loose = Record<string, any>

export interface WaitOptions {
  /** Give up after this long (ms). Default 20 s. */
  timeoutMs?: number
  /** Delay between polls (ms). Default 10. */
  intervalMs?: number
}

/** Polls `probe` until it returns a value other than undefined; throws `what` on timeout. */
export async function waitFor<T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined>,
  options: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000)
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${typeof what === 'string' ? what : what()}`)
    await delay(options.intervalMs ?? 10)
  }
}

/** Polls `GET /api/v1/tasks/<id>` until the task is `ready` or `error` and returns its JSON. */
export async function waitForTask(t: TestApp, id: number, options: WaitOptions = {}): Promise<Loose> {
  let last: TestResponse | undefined
  return waitFor(
    () => `task ${id} to finish (last answer: ${last?.status} ${last?.text})`,
    async () => {
      last = await t.get(`/api/v1/tasks/${id}`)
      if (last.status !== 200) throw new Error(`GET /tasks/${id}: ${last.status} ${last.text}`)
      return last.body.status === 'ready' || last.body.status === 'error' ? last.body : undefined
    },
    options,
  )
}

/** Polls until `GET url` answers 404 (e.g. a deleted environment). */
export async function waitForGone(t: TestApp, url: string, options: WaitOptions = {}): Promise<void> {
  await waitFor(`${url} to be gone`, async () => ((await t.get(url)).status === 404 ? true : undefined), options)
}

export interface PreparedCluster {
  cluster: Loose
  /** The node JSON after assignment, in the order of `roles`. */
  nodes: Loose[]
}

/** The roles of the scenario: a controller, a compute and a cinder node. */
export const DEFAULT_ROLES: readonly (readonly string[])[] = [['controller'], ['compute'], ['cinder']]

/**
 * Registers one node per entry of `roles`, creates an environment and assigns each node its roles
 * (`POST /clusters/<id>/assignment`). Nothing is deployed yet.
 */
export async function prepareCluster(
  t: TestApp,
  roles: readonly (readonly string[])[] = DEFAULT_ROLES,
  clusterOverrides: Record<string, unknown> = {},
): Promise<PreparedCluster> {
  const registered = []
  for (let i = 0; i < roles.length; i++) registered.push(await registerNode(t))
  const cluster = await createCluster(t, clusterOverrides)
  const assignment = registered.map((node, i) => ({ id: node.id, roles: roles[i] }))
  const assigned = await t.post(`/api/v1/clusters/${cluster.id}/assignment`, assignment)
  if (assigned.status !== 200) throw new Error(`assignment: ${assigned.status} ${assigned.text}`)
  const nodes = []
  for (const node of registered) nodes.push((await t.get(`/api/v1/nodes/${node.id}`)).body)
  return { cluster, nodes }
}

export interface DeployedCluster extends PreparedCluster {
  /** The `deploy` supertask as `PUT /changes` answered it. */
  task: Loose
}

/** `prepareCluster`, then `PUT /clusters/<id>/changes` (202). Does not wait: see `waitForTask`. */
export async function deployCluster(
  t: TestApp,
  roles: readonly (readonly string[])[] = DEFAULT_ROLES,
): Promise<DeployedCluster> {
  const prepared = await prepareCluster(t, roles)
  const response = await t.put(`/api/v1/clusters/${prepared.cluster.id}/changes`)
  if (response.status !== 202) throw new Error(`PUT /changes: ${response.status} ${response.text}`)
  return { ...prepared, task: response.body }
}
