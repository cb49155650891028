/**
 * What the host hands to extension code: a database handle inside the current transaction, the
 * objects API over core data, and a logger named after the extension.
 * @module
 */
import type { Kysely } from 'kysely'
import type {
  ClusterObject,
  ClusterStatus,
  JsonObject,
  NodeGroupObject,
  NodeObject,
  NodeStatus,
  NotificationObject,
  ReleaseObject,
  TaskObject,
  TaskStatus,
} from './objects.js'

/**
 * A Kysely handle bound to the caller's transaction. Extensions use it for their own tables only
 * (prefixed with `tablePrefix()`); core data goes through {@link ObjectsApi}.
 */
// biome-ignore lint/suspicious/noExplicitAny: extension tables are declared by each extension
export type ExtensionDatabase = Kysely<any>

/** A logger whose lines carry the extension's name. */
export interface ExtensionLogger {
  debug(message: string, data?: Record<string, unknown>): void
  info(message: string, data?: Record<string, unknown>): void
  warn(message: string, data?: Record<string, unknown>): void
  error(message: string, data?: Record<string, unknown>): void
}

/** Filters for listing nodes. */
export interface NodeFilter {
  clusterId?: number | null
  ids?: number[]
  status?: NodeStatus
  role?: string
}

/** Fields of a node an extension may change. */
export interface NodePatch {
  name?: string
  hostname?: string
  labels?: Record<string, string | null>
  status?: NodeStatus
  errorMsg?: string | null
  progress?: number
}

/**
 * Typed access to core data, in the caller's transaction (Nailgun's `nailgun.objects`).
 *
 * @example
 * ```ts
 * const nodes = await ctx.objects.nodes.list({ clusterId: cluster.id })
 * await ctx.objects.notifications.create({ topic: 'warning', message: 'Disk is small', nodeId: nodes[0].id })
 * ```
 */
export interface ObjectsApi {
  clusters: {
    get(id: number): Promise<ClusterObject | undefined>
    list(filter?: { status?: ClusterStatus; releaseId?: number }): Promise<ClusterObject[]>
    update(id: number, patch: { name?: string; status?: ClusterStatus }): Promise<ClusterObject>
    /** The JSON the REST API shows for this environment. */
    serialize(cluster: ClusterObject): JsonObject
  }
  nodes: {
    get(id: number): Promise<NodeObject | undefined>
    list(filter?: NodeFilter): Promise<NodeObject[]>
    update(id: number, patch: NodePatch): Promise<NodeObject>
    /** The JSON the REST API shows for this node. */
    serialize(node: NodeObject): JsonObject
  }
  releases: {
    get(id: number): Promise<ReleaseObject | undefined>
    list(): Promise<ReleaseObject[]>
  }
  nodeGroups: {
    get(id: number): Promise<NodeGroupObject | undefined>
    list(filter?: { clusterId?: number }): Promise<NodeGroupObject[]>
  }
  tasks: {
    get(id: number): Promise<TaskObject | undefined>
    list(filter?: { clusterId?: number; name?: string; status?: TaskStatus }): Promise<TaskObject[]>
  }
  notifications: {
    list(filter?: { clusterId?: number; nodeId?: number }): Promise<NotificationObject[]>
    create(input: {
      topic: NotificationObject['topic']
      message: string
      clusterId?: number | null
      nodeId?: number | null
      taskId?: number | null
    }): Promise<NotificationObject>
  }
}

/** Handed to every event handler, pipeline and REST handler, as the last argument. */
export interface ExtensionContext {
  /** Database handle inside the operation's transaction. */
  db: ExtensionDatabase
  objects: ObjectsApi
  logger: ExtensionLogger
  /** This extension's configuration (per environment when there is one), validated by its schema. */
  config: JsonObject
}

/** One changed field of a node: its value before and after. */
export interface FieldChange<T = unknown> {
  old: T
  new: T
}

/** The context of an event handler. */
export interface EventContext extends ExtensionContext {
  /** For `onNodeUpdate`: the fields that changed, by camelCase name. */
  changes: Partial<Record<keyof NodeObject, FieldChange>>
}
