/**
 * Factories for environments and node groups, through the REST API like a client would.
 *
 * @example
 * ```ts
 * const env = await createCluster(t)                          // POST /api/v1/clusters, 201
 * const rack = await createNodeGroup(t, env.id, 'rack-2')     // POST /api/v1/nodegroups, 201
 * ```
 * @module
 */
import type { TestApp } from './test-app.js'

let sequence = 0

/** A name no other generated environment uses in this process. */
export function nextClusterName(): string {
  sequence++
  return `env-${process.pid}-${sequence}`
}

// biome-ignore lint/suspicious/noExplicitAny: the JSON is read loosely in tests, like TestResponse.body
type Loose = Record<string, any>

async function expectCreated(label: string, response: Promise<{ status: number; body: Loose; text: string }>) {
  const res = await response
  if (res.status !== 201) throw new Error(`${label}: expected 201, got ${res.status}: ${res.text}`)
  return res.body
}

/**
 * Creates an environment of the first seeded release (Mitaka, deployable) through
 * `POST /api/v1/clusters` and returns its JSON. `overrides` are merged over the request body.
 */
export async function createCluster(t: TestApp, overrides: Record<string, unknown> = {}): Promise<Loose> {
  const body = { name: nextClusterName(), release_id: 1, ...overrides }
  return expectCreated('createCluster', t.post('/api/v1/clusters', body))
}

/** Creates a node group in the environment through `POST /api/v1/nodegroups`. */
export async function createNodeGroup(t: TestApp, clusterId: number, name = `group-${++sequence}`): Promise<Loose> {
  return expectCreated('createNodeGroup', t.post('/api/v1/nodegroups', { cluster_id: clusterId, name }))
}
