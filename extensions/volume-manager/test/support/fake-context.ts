/**
 * A context without a database, for unit tests of the code that reads layouts in batches: the
 * extension's table is an in-memory list behind the few Kysely calls the store makes, and every
 * query and objects-API call is counted.
 */
import type {
  ClusterObject,
  ExtensionContext,
  ExtensionDatabase,
  NodeObject,
  ObjectsApi,
  ReleaseObject,
} from '@nailgun/extensions'
import { RELEASE_VOLUMES } from './release-volumes.js'

export interface FakeContext {
  ctx: ExtensionContext
  calls: { selects: number; clusters: number; releases: number; nodeLists: number }
  notifications: Array<{ topic: string; message: string; nodeId?: number | null }>
}

export function fakeContext(
  nodes: NodeObject[],
  rows: Array<{ node_id: number; volumes: string }>,
  volumesMetadata: unknown = RELEASE_VOLUMES,
): FakeContext {
  const notifications: FakeContext['notifications'] = []
  const calls = { selects: 0, clusters: 0, releases: 0, nodeLists: 0 }
  const selectFrom = () => {
    let ids: number[] = []
    const query = {
      selectAll: () => query,
      where: (_column: string, _op: string, value: number[]) => {
        ids = value
        return query
      },
      execute: async () => {
        calls.selects++
        return rows.filter((r) => ids.includes(r.node_id)).map((r) => ({ ...r, is_customized: 0, updated_at: null }))
      },
    }
    return query
  }
  const objects = {
    clusters: {
      get: async (id: number) => {
        calls.clusters++
        return { id, releaseId: 1, attributes: {}, extensions: ['volume_manager'] } as unknown as ClusterObject
      },
    },
    releases: {
      get: async (id: number) => {
        calls.releases++
        return { id, operatingSystem: 'Ubuntu', volumesMetadata } as unknown as ReleaseObject
      },
    },
    nodes: {
      list: async (filter: { clusterId?: number }) => {
        calls.nodeLists++
        return nodes.filter((n) => n.clusterId === filter.clusterId)
      },
    },
    notifications: {
      create: async (input: FakeContext['notifications'][number]) => {
        notifications.push(input)
        return input
      },
    },
  } as unknown as ObjectsApi
  const logger = { debug() {}, info() {}, warn() {}, error() {} }
  const db = { selectFrom } as unknown as ExtensionDatabase
  return { ctx: { db, objects, logger, config: {} }, calls, notifications }
}
