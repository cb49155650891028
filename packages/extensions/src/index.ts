/**
 * `@nailgun/extensions`: the SDK Nailgun extensions are written against.
 *
 * @example
 * ```ts
 * import { BaseExtension, BasePipeline, type NodeObject } from '@nailgun/extensions'
 * ```
 * @module
 */
export type {
  EventContext,
  ExtensionContext,
  ExtensionDatabase,
  ExtensionLogger,
  FieldChange,
  NodeFilter,
  NodePatch,
  ObjectsApi,
} from './context.js'
export {
  AuthenticationError,
  ConflictError,
  ExtensionError,
  InputError,
  NailgunError,
  NotAllowedError,
  NotFoundError,
  UnavailableError,
} from './errors.js'
export type { Awaitable, EventName, ExtensionEventHandlers } from './events.js'
export { CLUSTER_SCOPED_EVENTS, EVENT_NAMES } from './events.js'
export type { ExtensionInfo } from './extension.js'
export { BaseExtension } from './extension.js'
export type {
  DeploymentFacts,
  DeploymentNodeFacts,
  LegacyDeploymentFacts,
  ProvisioningFacts,
  ProvisioningNodeFacts,
} from './facts.js'
export type { CallerIdentity, HandlerMethod, HandlerRequest, HandlerResponse, UrlSpec } from './handler.js'
export { BaseHandler, HANDLER_METHODS, respond } from './handler.js'
export type {
  ClusterObject,
  ClusterStatus,
  Json,
  JsonObject,
  NodeErrorType,
  NodeGroupObject,
  NodeMeta,
  NodeObject,
  NodeStatus,
  NotificationObject,
  ReleaseObject,
  RoleMetadata,
  TaskObject,
  TaskStatus,
} from './objects.js'
export type { PipelineKwargs, PipelineMethod, PipelineSpec } from './pipeline.js'
export { BasePipeline, PIPELINE_METHODS } from './pipeline.js'

/** The version of this SDK; extensions declare the range they need as a peer dependency. */
export const SDK_VERSION = '1.0.0'
