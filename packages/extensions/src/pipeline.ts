/**
 * Data pipelines: ordered transformations of the provisioning and deployment facts just before
 * they are sent to the orchestrator.
 * @module
 */
import type { ExtensionContext } from './context.js'
import type { Awaitable } from './events.js'
import type { DeploymentFacts, DeploymentNodeFacts, ProvisioningFacts, ProvisioningNodeFacts } from './facts.js'
import type { ClusterObject, JsonObject, NodeObject } from './objects.js'

/** The extra arguments of the seed-style pipeline methods (the seed's `**kwargs`). */
export interface PipelineKwargs {
  /** True on the `/defaults` endpoints: user-replaced facts are ignored and every node passes. */
  ignoreCustomized: boolean
  /** The extension's context: database (read-only use advised), objects API, logger, config. */
  ctx: ExtensionContext
}

/**
 * Base class of a data pipeline. Override any of the methods below, as static methods (the seed's
 * classmethods) or instance methods. Two styles, which one pipeline may mix:
 *
 * - **seed style**: `processProvisioning` / `processDeployment` get the whole facts, the
 *   environment and the nodes, and return the facts for the next pipeline;
 * - **per-object style**: `process{Provisioning,Deployment}For{Cluster,Node}` get one object and
 *   its part of the facts, and change it in place (or return a replacement).
 *
 * Deployment facts are `{common, nodes}`; keys set at their top level are common to every node.
 * Nodes whose facts the user replaced are not passed (except on the `/defaults` endpoints).
 *
 * @example
 * ```ts
 * class TimeStartedPipeline extends BasePipeline {
 *   static processDeployment(data: DeploymentFacts, cluster: ClusterObject, nodes: NodeObject[]) {
 *     data.time_started = `deployment started at ${new Date().toISOString()}`
 *     return data
 *   }
 * }
 * ```
 */
export abstract class BasePipeline {
  static processProvisioning?(
    data: ProvisioningFacts,
    cluster: ClusterObject,
    nodes: NodeObject[],
    kwargs: PipelineKwargs,
  ): Awaitable<ProvisioningFacts>
  static processDeployment?(
    data: DeploymentFacts,
    cluster: ClusterObject,
    nodes: NodeObject[],
    kwargs: PipelineKwargs,
  ): Awaitable<DeploymentFacts>
  static processProvisioningForCluster?(
    cluster: ClusterObject,
    clusterData: JsonObject,
    ctx: ExtensionContext,
  ): Awaitable<JsonObject | undefined>
  static processProvisioningForNode?(
    node: NodeObject,
    nodeData: ProvisioningNodeFacts,
    ctx: ExtensionContext,
  ): Awaitable<ProvisioningNodeFacts | undefined>
  static processDeploymentForCluster?(
    cluster: ClusterObject,
    clusterData: JsonObject,
    ctx: ExtensionContext,
  ): Awaitable<JsonObject | undefined>
  static processDeploymentForNode?(
    node: NodeObject,
    nodeData: DeploymentNodeFacts,
    ctx: ExtensionContext,
  ): Awaitable<DeploymentNodeFacts | undefined>
}

/** The names of the pipeline methods the host calls. */
export const PIPELINE_METHODS = Object.freeze([
  'processProvisioning',
  'processDeployment',
  'processProvisioningForCluster',
  'processProvisioningForNode',
  'processDeploymentForCluster',
  'processDeploymentForNode',
] as const)

/** A pipeline method name. */
export type PipelineMethod = (typeof PIPELINE_METHODS)[number]

/** A pipeline: a `BasePipeline` subclass (static methods), or an object with the methods. */
export type PipelineSpec = typeof BasePipeline | Function | Partial<Record<PipelineMethod, unknown>>
