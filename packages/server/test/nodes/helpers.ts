/**
 * Shared set-up for the node tests. Environments are created straight through the repositories
 * until the clusters slice serves POST /clusters; everything under test goes through HTTP.
 */
import type { TestApp } from '@nailgun/testing'
import { insertCluster } from '../../src/domain/cluster/cluster-repo.js'
import { insertNodeGroup } from '../../src/domain/nodegroup/nodegroup-repo.js'

export const API = '/api/v1'

let clusterSeq = 0

export interface TestCluster {
  id: number
  groupId: number
}

/** An environment of the first seeded release (Mitaka) with its default node group. */
export async function createCluster(t: TestApp, name = `env-${++clusterSeq}`): Promise<TestCluster> {
  const db = t.app.ctx.database.db
  const cluster = await insertCluster(db, {
    name,
    mode: 'ha_compact',
    netProvider: 'neutron',
    releaseId: 1,
    fuelVersion: '10.0',
    attributes: {},
    generatedAttributes: {},
    extensions: [],
    uiSettings: {},
  })
  const group = await insertNodeGroup(db, { clusterId: cluster.id, name: 'default', isDefault: true })
  return { id: cluster.id, groupId: group.id }
}

/** Every node as the API shows it, by id: compare before/after to prove a request changed nothing. */
export async function snapshot(t: TestApp): Promise<unknown[]> {
  const res = await t.get(`${API}/nodes?order_by=id`)
  return res.body
}

export async function nodeCount(t: TestApp): Promise<number> {
  return (await t.get(`${API}/nodes/allocation/stats`)).body.total
}

export async function nicRows(t: TestApp, nodeId: number): Promise<{ name: string; mac: string }[]> {
  return t.app.ctx.database.db
    .selectFrom('node_nic_interfaces')
    .select(['name', 'mac'])
    .where('node_id', '=', nodeId)
    .orderBy('name')
    .execute()
}

export async function notificationsOf(t: TestApp, nodeId: number): Promise<{ topic: string; message: string }[]> {
  return t.app.ctx.database.db
    .selectFrom('notifications')
    .select(['topic', 'message'])
    .where('node_id', '=', nodeId)
    .orderBy('id')
    .execute()
}
