/**
 * The seed's closing example, "Example Extension with Pipeline - additional logging", ported line
 * for line: a pipeline stamping when provisioning and deployment started, and the seven seed
 * events logged at debug level. The seed's classmethods are static methods here; the seed's
 * `logging.debug` is the extension's logger (`ctx.logger`), whose lines carry the extension's name.
 * @module
 */
import {
  BaseExtension,
  BasePipeline,
  type ClusterObject,
  type DeploymentFacts,
  type EventContext,
  type JsonObject,
  type NodeObject,
  type PipelineKwargs,
  type ProvisioningFacts,
} from '@nailgun/extensions'

/** Python's `str(datetime.datetime.now())`: local time, `YYYY-MM-DD HH:MM:SS.ffffff`. */
export function pythonNow(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0')
  const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`
  const time = `${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`
  return `${date} ${time}.${String(now.getMilliseconds()).padStart(3, '0')}000`
}

/** `stampFacts: false` in the extension's configuration turns the stamps off (the seed always stamped). */
function stamps(kwargs?: PipelineKwargs): boolean {
  return kwargs?.ctx?.config?.stampFacts !== false
}

/** The seed logged at debug level; `level: 'info'` in the configuration makes the lines visible by default. */
function log(ctx: EventContext, message: string): void {
  if (ctx.config?.level === 'info') ctx.logger.info(message)
  else ctx.logger.debug(message)
}

/** The configuration (per environment, through `/clusters/<id>/extensions/additional_logger/config`). */
export const ADDITIONAL_LOGGER_CONFIG_SCHEMA = {
  type: 'object',
  properties: {
    level: { enum: ['debug', 'info'], default: 'debug', description: 'level of the event lines' },
    stampFacts: { type: 'boolean', default: true, description: 'stamp the start times into the facts' },
  },
  additionalProperties: false,
}

export class TimeStartedPipeline extends BasePipeline {
  static processProvisioning(
    data: ProvisioningFacts,
    _cluster: ClusterObject,
    _nodes: NodeObject[],
    kwargs?: PipelineKwargs,
  ): ProvisioningFacts {
    if (!stamps(kwargs)) return data
    const now = pythonNow()
    data.time_started = `provisioning started at ${now}`
    return data
  }

  // Deployment facts are `{common, nodes}`; a top-level key like this one is common to every node.
  static processDeployment(
    data: DeploymentFacts & JsonObject,
    _cluster: ClusterObject,
    _nodes: NodeObject[],
    kwargs?: PipelineKwargs,
  ): DeploymentFacts {
    if (!stamps(kwargs)) return data
    const now = pythonNow()
    data.time_started = `deployment started at ${now}`
    return data
  }
}

export class AdditionalLoggerExtension extends BaseExtension {
  readonly name = 'additional_logger'
  readonly version = '1.0.0'
  readonly description = 'Additional Logging Extension'

  dataPipelines = [TimeStartedPipeline]
  configSchema = ADDITIONAL_LOGGER_CONFIG_SCHEMA
  // Logging must never abort an operator's operation: a failure is recorded and skipped.
  critical = false
  // Runs after the volume manager, so what it logs and stamps sees the volumes already in the facts.
  after = ['volume_manager']

  static onNodeCreate(node: NodeObject, ctx: EventContext): void {
    log(ctx, `Node ${node.id} has been created`)
  }

  static onNodeUpdate(node: NodeObject, ctx: EventContext): void {
    log(ctx, `Node ${node.id} has been updated`)
  }

  static onNodeReset(node: NodeObject, ctx: EventContext): void {
    log(ctx, `Node ${node.id} has been reseted`)
  }

  static onNodeDelete(node: NodeObject, ctx: EventContext): void {
    log(ctx, `Node ${node.id} has been deleted`)
  }

  static onNodeCollectionDelete(nodeIds: number[], ctx: EventContext): void {
    log(ctx, `Nodes ${nodeIds.join(', ')} have been deleted`)
  }

  static onClusterDelete(cluster: ClusterObject, ctx: EventContext): void {
    log(ctx, `Cluster ${cluster.id} has been deleted`)
  }

  static onBeforeDeploymentCheck(cluster: ClusterObject, _nodes: NodeObject[], ctx: EventContext): void {
    log(ctx, `Cluster ${cluster.id} will be deployed soon`)
  }
}
