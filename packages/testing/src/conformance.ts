/**
 * `runConformanceTests`: the core's lifecycle, run with an author's extension loaded, so an
 * extension cannot break what Nailgun promises: nodes register, an environment is created with
 * the extension enabled, roles are assigned, the facts endpoints answer, a deployment reaches
 * `operational`, a reset brings the nodes back to `discover`, the environment is deleted, and the
 * events arrive in a sane order. Call it at the top level of a test file.
 *
 * @example
 * ```ts
 * runConformanceTests({ extensions: [path.join(import.meta.dirname, '..')] })
 * ```
 * @module
 */
import { BaseExtension, type ClusterObject, type EventContext, type NodeObject } from '@nailgun/extensions'
import type { ExtensionSource } from '@nailgun/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestDatabaseKind } from './databases.js'
import { waitForGone, waitForTask } from './deploy.js'
import { createTestApp, type TestApp } from './test-app.js'

export interface ConformanceOptions {
  extensions: readonly ExtensionSource[]
  /** Default: SQLite only (add 'postgres' for both). */
  databases?: readonly TestDatabaseKind[]
  /** Roles of the nodes deployed. Default: a controller and a compute. */
  roles?: readonly (readonly string[])[]
  /** Milliseconds for each wait (deployment, reset, deletion). Default 30 s. */
  timeoutMs?: number
}

const PROBE = 'ng_conformance_probe'

/** Records the events it sees, to check their order; enabled on the environment like the author's. */
class ConformanceProbe extends BaseExtension {
  readonly name = PROBE
  readonly version = '1.0.0'
  readonly description = 'Records events for the conformance suite'
  critical = false
  readonly seen: string[] = []
  onNodeCreate(node: NodeObject, _ctx: EventContext) {
    this.seen.push(`onNodeCreate ${node.id}`)
  }
  onClusterCreate(cluster: ClusterObject) {
    this.seen.push(`onClusterCreate ${cluster.id}`)
  }
  onBeforeDeploymentCheck(cluster: ClusterObject) {
    this.seen.push(`onBeforeDeploymentCheck ${cluster.id}`)
  }
  onClusterDelete(cluster: ClusterObject) {
    this.seen.push(`onClusterDelete ${cluster.id}`)
  }
}

export function runConformanceTests(options: ConformanceOptions): void {
  const roles = options.roles ?? [['controller'], ['compute']]
  const wait = { timeoutMs: options.timeoutMs ?? 30_000 }
  for (const database of options.databases ?? ['sqlite']) {
    describe(`Nailgun conformance with the extension loaded (${database})`, { timeout: 60_000 }, () => {
      let t: TestApp
      const probe = new ConformanceProbe()
      // biome-ignore lint/suspicious/noExplicitAny: JSON read loosely, like TestResponse.body
      const state: { cluster?: any; nodes: any[]; names: string[] } = { nodes: [], names: [] }
      beforeAll(async () => {
        t = await createTestApp({ database, extensions: [...options.extensions, probe] })
      })
      afterAll(() => t?.close())

      it('loads every extension', async () => {
        const list = (await t.get('/api/v1/extensions')).body as Array<{ name: string; status: string }>
        expect(list.filter((e) => e.status !== 'loaded')).toEqual([])
        state.names = list.map((e) => e.name).filter((name) => name !== PROBE)
        expect(state.names.length).toBeGreaterThan(0)
      })

      it('registers nodes', async () => {
        for (const _ of roles) state.nodes.push(await t.env.createNode())
        expect(state.nodes.every((n) => n.status === 'discover')).toBe(true)
      })

      it('creates an environment with the extensions enabled and assigns roles', async () => {
        state.cluster = await t.env.createCluster()
        const enabled = await t.put(`/api/v1/clusters/${state.cluster.id}/extensions`, [...state.names, PROBE])
        expect(enabled.status).toBe(200)
        const assignment = state.nodes.map((n, i) => ({ id: n.id, roles: [...(roles[i] ?? [])] }))
        expect((await t.post(`/api/v1/clusters/${state.cluster.id}/assignment`, assignment)).status).toBe(200)
      })

      it('renders provisioning and deployment facts', async () => {
        for (const stage of ['provisioning', 'deployment']) {
          const res = await t.get(`/api/v1/clusters/${state.cluster.id}/orchestrator/${stage}/defaults`)
          expect(res.status, res.text).toBe(200)
        }
      })

      it('deploys to operational', async () => {
        expect(await t.env.deploy(state.cluster.id, wait)).toMatchObject({ status: 'ready' })
        expect((await t.get(`/api/v1/clusters/${state.cluster.id}`)).body.status).toBe('operational')
        const nodes = (await t.get(`/api/v1/nodes?cluster_id=${state.cluster.id}`)).body as Array<{ status: string }>
        expect(nodes.map((n) => n.status)).toEqual(state.nodes.map(() => 'ready'))
      })

      it('resets the environment', async () => {
        const reset = await t.put(`/api/v1/clusters/${state.cluster.id}/reset`)
        expect(reset.status, reset.text).toBe(202)
        expect(await waitForTask(t, reset.body.id, wait)).toMatchObject({ status: 'ready' })
        const nodes = (await t.get(`/api/v1/nodes?cluster_id=${state.cluster.id}`)).body as Array<{ status: string }>
        expect(nodes.map((n) => n.status)).toEqual(state.nodes.map(() => 'discover'))
      })

      it('deletes the environment', async () => {
        expect([200, 202]).toContain((await t.delete(`/api/v1/clusters/${state.cluster.id}`)).status)
        await waitForGone(t, `/api/v1/clusters/${state.cluster.id}`, wait)
      })

      it('delivers the events in a sane order', () => {
        const id = state.cluster.id
        const at = (event: string) => probe.seen.indexOf(event)
        const created = state.nodes.map((n) => at(`onNodeCreate ${n.id}`))
        expect(created.every((i) => i >= 0)).toBe(true)
        expect(at(`onClusterCreate ${id}`)).toBeGreaterThan(Math.max(...created))
        expect(at(`onBeforeDeploymentCheck ${id}`)).toBeGreaterThan(at(`onClusterCreate ${id}`))
        expect(at(`onClusterDelete ${id}`)).toBeGreaterThan(at(`onBeforeDeploymentCheck ${id}`))
      })
    })
  }
}
