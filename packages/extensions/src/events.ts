/**
 * The events an extension can handle. Each handler receives the seed's arguments first and an
 * {@link EventContext} last, may be async, and runs inside the operation's database transaction:
 * throwing rolls the whole operation back and the error names the extension and the event.
 * @module
 */
import type { EventContext } from './context.js'
import type { ClusterObject, JsonObject, NodeGroupObject, NodeObject } from './objects.js'

/** A value or a promise of it. */
export type Awaitable<T> = T | Promise<T>

/**
 * Every event handler an extension may define, with its arguments.
 *
 * Scope: node, node group and environment lifecycle events go to every installed extension;
 * `onBeforeDeploymentCheck` and the two `onBefore*Serialization` events go to the extensions
 * enabled on the environment.
 */
export interface ExtensionEventHandlers {
  /** A node registered (agent `POST /nodes`). */
  onNodeCreate(node: NodeObject, ctx: EventContext): Awaitable<void>
  /** A committed change to a node; `ctx.changes` says what changed. */
  onNodeUpdate(node: NodeObject, ctx: EventContext): Awaitable<void>
  /** A node went back to `discover` (environment reset, stopped deployment). */
  onNodeReset(node: NodeObject, ctx: EventContext): Awaitable<void>
  /** A node is being deleted; its row still exists while this runs. */
  onNodeDelete(node: NodeObject, ctx: EventContext): Awaitable<void>
  /** Several nodes are being deleted at once (fired once, after each `onNodeDelete`). */
  onNodeCollectionDelete(nodeIds: number[], ctx: EventContext): Awaitable<void>
  /** A node left its environment. */
  onRemoveNodeFromCluster(node: NodeObject, ctx: EventContext): Awaitable<void>
  /** An environment was created (attributes and default extensions already set). */
  onClusterCreate(cluster: ClusterObject, data: JsonObject, ctx: EventContext): Awaitable<void>
  /** An environment's attributes were changed. */
  onClusterPatchAttributes(cluster: ClusterObject, publicMap: JsonObject, ctx: EventContext): Awaitable<void>
  /** Before an environment and its nodes are deleted. */
  beforeClusterDelete(cluster: ClusterObject, ctx: EventContext): Awaitable<void>
  /** An environment is being deleted; its row still exists while this runs. */
  onClusterDelete(cluster: ClusterObject, ctx: EventContext): Awaitable<void>
  /** After an environment was deleted (same transaction). */
  afterClusterDelete(cluster: ClusterObject, ctx: EventContext): Awaitable<void>
  /** A node group was created. */
  onNodegroupCreate(nodegroup: NodeGroupObject, ctx: EventContext): Awaitable<void>
  /** A node group is being deleted. */
  onNodegroupDelete(nodegroup: NodeGroupObject, ctx: EventContext): Awaitable<void>
  /** Before a deployment starts; throw to stop it; the message becomes the task's message. */
  onBeforeDeploymentCheck(cluster: ClusterObject, nodes: NodeObject[], ctx: EventContext): Awaitable<void>
  /** Before deployment facts are built. */
  onBeforeDeploymentSerialization(
    cluster: ClusterObject,
    nodes: NodeObject[],
    ignoreCustomized: boolean,
    ctx: EventContext,
  ): Awaitable<void>
  /** Before provisioning facts are built. */
  onBeforeProvisioningSerialization(
    cluster: ClusterObject,
    nodes: NodeObject[],
    ignoreCustomized: boolean,
    ctx: EventContext,
  ): Awaitable<void>
}

/** The name of an event. */
export type EventName = keyof ExtensionEventHandlers

/** Events delivered only to the extensions enabled on the environment. */
export const CLUSTER_SCOPED_EVENTS: readonly EventName[] = Object.freeze([
  'onBeforeDeploymentCheck',
  'onBeforeDeploymentSerialization',
  'onBeforeProvisioningSerialization',
])

/** Every event name, in the order the documentation lists them. */
export const EVENT_NAMES: readonly EventName[] = Object.freeze([
  'onNodeCreate',
  'onNodeUpdate',
  'onNodeReset',
  'onNodeDelete',
  'onNodeCollectionDelete',
  'onRemoveNodeFromCluster',
  'onClusterCreate',
  'onClusterPatchAttributes',
  'beforeClusterDelete',
  'onClusterDelete',
  'afterClusterDelete',
  'onNodegroupCreate',
  'onNodegroupDelete',
  'onBeforeDeploymentCheck',
  'onBeforeDeploymentSerialization',
  'onBeforeProvisioningSerialization',
])
