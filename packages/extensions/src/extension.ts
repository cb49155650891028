/**
 * The base class every extension extends.
 * @module
 */
import type { EventContext } from './context.js'
import type { Awaitable } from './events.js'
import type { UrlSpec } from './handler.js'
import type { ClusterObject, JsonObject, NodeGroupObject, NodeObject } from './objects.js'
import type { PipelineSpec } from './pipeline.js'

/** What `GET /api/v1/extensions` shows for an extension. */
export interface ExtensionInfo {
  name: string
  version: string
  description: string
  provides: string[]
}

/**
 * Base class of a Nailgun extension. Declare the seed's class variables as fields (`name`,
 * `version`, `description`, and optionally `provides`, `urls`, `dataPipelines`), and define any
 * event handler of {@link ExtensionEventHandlers}. The host creates one instance at start-up.
 *
 * The seed's Python declared `name` as a class variable; a TypeScript class cannot have a static
 * `name`, so it is an instance field here. Handlers may be async and are awaited.
 *
 * @example
 * ```ts
 * export class ExampleExtension extends BaseExtension {
 *   name = 'additional_logger'
 *   version = '1.0.0'
 *   description = 'Additional Logging Extension'
 *   dataPipelines = [TimeStartedPipeline]
 *
 *   onNodeCreate(node: NodeObject) {
 *     console.debug(`Node ${node.id} has been created`)
 *   }
 * }
 * ```
 */
export abstract class BaseExtension {
  /** Lowercase letters, digits and `_`, at most 64 characters. */
  abstract readonly name: string
  /** A semantic version. */
  abstract readonly version: string
  /** One sentence on what the extension does. */
  abstract readonly description: string
  /** Names of capabilities this extension offers to others. */
  provides: string[] = []
  /** REST routes, served under `/api` and `/api/v1`. */
  urls: UrlSpec[] = []
  /** Pipelines, run in this order. */
  dataPipelines: PipelineSpec[] = []
  /** Extensions that must be installed for this one to load; they are also ordered before it. */
  requires: string[] = []
  /** Extensions this one runs after (when installed). */
  after: string[] = []
  /** Extensions this one runs before (when installed). */
  before: string[] = []
  /**
   * A failing handler of a critical extension aborts the operation; a non-critical one is
   * recorded and skipped.
   */
  critical = true
  /** Milliseconds a handler or pipeline may take before it counts as failed. */
  timeoutMs = 10_000
  /** JSON Schema of this extension's configuration (per environment), if it has any. */
  configSchema: JsonObject | null = null

  // Event handlers (see ExtensionEventHandlers for when each fires). Declared as optional methods
  // so a subclass may define them as instance methods, static methods (the seed's classmethods)
  // or arrow-function properties.
  onNodeCreate?(node: NodeObject, ctx: EventContext): Awaitable<void>
  onNodeUpdate?(node: NodeObject, ctx: EventContext): Awaitable<void>
  onNodeReset?(node: NodeObject, ctx: EventContext): Awaitable<void>
  onNodeDelete?(node: NodeObject, ctx: EventContext): Awaitable<void>
  onNodeCollectionDelete?(nodeIds: number[], ctx: EventContext): Awaitable<void>
  onRemoveNodeFromCluster?(node: NodeObject, ctx: EventContext): Awaitable<void>
  onClusterCreate?(cluster: ClusterObject, data: JsonObject, ctx: EventContext): Awaitable<void>
  onClusterPatchAttributes?(cluster: ClusterObject, publicMap: JsonObject, ctx: EventContext): Awaitable<void>
  beforeClusterDelete?(cluster: ClusterObject, ctx: EventContext): Awaitable<void>
  onClusterDelete?(cluster: ClusterObject, ctx: EventContext): Awaitable<void>
  afterClusterDelete?(cluster: ClusterObject, ctx: EventContext): Awaitable<void>
  onNodegroupCreate?(nodegroup: NodeGroupObject, ctx: EventContext): Awaitable<void>
  onNodegroupDelete?(nodegroup: NodeGroupObject, ctx: EventContext): Awaitable<void>
  onBeforeDeploymentCheck?(cluster: ClusterObject, nodes: NodeObject[], ctx: EventContext): Awaitable<void>
  onBeforeDeploymentSerialization?(
    cluster: ClusterObject,
    nodes: NodeObject[],
    ignoreCustomized: boolean,
    ctx: EventContext,
  ): Awaitable<void>
  onBeforeProvisioningSerialization?(
    cluster: ClusterObject,
    nodes: NodeObject[],
    ignoreCustomized: boolean,
    ctx: EventContext,
  ): Awaitable<void>

  /**
   * Absolute path of this extension's migrations folder. `null` (the default) means the
   * `migrations/` folder beside the extension's module.
   */
  migrationsPath(): string | null {
    return null
  }

  /** The prefix every table of this extension must start with: `<name>_`. */
  tablePrefix(): string {
    return `${this.name}_`
  }

  /** `<name>-<version>`. */
  fullName(): string {
    return `${this.name}-${this.version}`
  }

  /** The public description of this extension. */
  toDict(): ExtensionInfo {
    return { name: this.name, version: this.version, description: this.description, provides: [...this.provides] }
  }
}
