/**
 * Integration set-up: a test app with this extension installed (its migrations applied), and the
 * HTTP steps the tests repeat. Only `@nailgun/testing` and the SDK are used: everything goes
 * through the REST API, except reading the extension's own table.
 */
import { join } from 'node:path'
import type { ExtensionDatabase } from '@nailgun/extensions'
import {
  type AgentDisk,
  createTestApp,
  registerNode,
  type TestApp,
  type TestAppOptions,
  type TestDatabaseKind,
} from '@nailgun/testing'
import { expect } from 'vitest'

export const API = '/api/v1'
/** The package directory: the host reads its manifest, loads the entry and runs `migrations/`. */
export const PACKAGE_DIR = join(import.meta.dirname, '..', '..')

export const GB = 1024 ** 3
export const SMALL_DISK: AgentDisk[] = [{ name: 'sda', size: 8_000_000 }]

export async function volumeManagerApp(database: TestDatabaseKind): Promise<TestApp> {
  return createTestApp({ database, extensions: [PACKAGE_DIR] } as TestAppOptions)
}

/** A node as the agent registers it (two disks of 500 GB and 1 TB, 8 GB of RAM unless told). */
export async function discoverNode(t: TestApp, options: { disks?: AgentDisk[] } = {}) {
  return registerNode(t, options.disks ? { disks: options.disks } : {})
}

let clusterSeq = 0

/** An environment of the first release (Mitaka), which enables volume_manager. */
export async function createCluster(t: TestApp, attributes?: object): Promise<number> {
  const res = await t.post(`${API}/clusters`, {
    name: `vm-env-${++clusterSeq}`,
    release_id: 1,
    mode: 'ha_compact',
    net_provider: 'neutron',
  })
  expect(res.status, res.text).toBe(201)
  const enabled = await t.get(`${API}/clusters/${res.body.id}/extensions`)
  expect(enabled.body).toContain('volume_manager')
  if (attributes) {
    const patched = await t.put(`${API}/clusters/${res.body.id}/attributes`, { editable: attributes })
    expect(patched.status, patched.text).toBe(200)
  }
  return res.body.id
}

export async function assign(t: TestApp, clusterId: number, nodeId: number, roles: string[]): Promise<void> {
  const res = await t.post(`${API}/clusters/${clusterId}/assignment`, [{ id: nodeId, roles }])
  expect(res.status, res.text).toBeLessThan(300)
}

export async function setPendingRoles(t: TestApp, nodeId: number, roles: string[]): Promise<void> {
  const res = await t.put(`${API}/nodes/${nodeId}`, { pending_roles: roles })
  expect(res.status, res.text).toBe(200)
}

/** The rows of the extension's table, by node id. */
export async function volumeRows(t: TestApp): Promise<Map<number, { volumes: unknown; isCustomized: boolean }>> {
  const db = t.app.ctx.database.db as unknown as ExtensionDatabase
  const rows = await db.selectFrom('volume_manager_node_volumes').selectAll().execute()
  return new Map(
    rows.map((r) => [
      Number(r.node_id),
      {
        volumes: typeof r.volumes === 'string' ? JSON.parse(r.volumes) : r.volumes,
        isCustomized: Boolean(r.is_customized),
      },
    ]),
  )
}

/** Volume names per disk, from the simple format. */
export function volumeNames(disks: Array<{ volumes: Array<{ name: string }> }>): string[][] {
  return disks.map((d) => d.volumes.map((v) => v.name))
}

/** Follows a task until it is ready or failed (bounded: the simulated orchestrator runs in ms). */
export async function settledTask(t: TestApp, taskId: number): Promise<{ status: string; message: string | null }> {
  for (let i = 0; i < 500; i++) {
    const res = await t.get(`${API}/tasks/${taskId}`)
    if (res.body.status === 'ready' || res.body.status === 'error') return res.body
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`task ${taskId} did not settle`)
}
