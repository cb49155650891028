/**
 * The same extension as index.ts in plain JavaScript, to show (and test) that an extension needs
 * no TypeScript: no types, no build step. Not registered in package.json; a test loads it.
 * @module
 */
import { BaseExtension, BasePipeline } from '@nailgun/extensions'

/** Python's `str(datetime.datetime.now())`: local time, `YYYY-MM-DD HH:MM:SS.ffffff`. */
function pythonNow(now = new Date()) {
  const two = (n) => String(n).padStart(2, '0')
  const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`
  const time = `${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`
  return `${date} ${time}.${String(now.getMilliseconds()).padStart(3, '0')}000`
}

export class TimeStartedPipeline extends BasePipeline {
  static processProvisioning(data, _cluster, _nodes, _kwargs) {
    const now = pythonNow()
    data.time_started = `provisioning started at ${now}`
    return data
  }

  static processDeployment(data, _cluster, _nodes, _kwargs) {
    const now = pythonNow()
    data.time_started = `deployment started at ${now}`
    return data
  }
}

export class AdditionalLoggerExtension extends BaseExtension {
  name = 'additional_logger'
  version = '1.0.0'
  description = 'Additional Logging Extension'

  dataPipelines = [TimeStartedPipeline]

  static onNodeCreate(node, ctx) {
    ctx.logger.debug(`Node ${node.id} has been created`)
  }

  static onNodeUpdate(node, ctx) {
    ctx.logger.debug(`Node ${node.id} has been updated`)
  }

  static onNodeReset(node, ctx) {
    ctx.logger.debug(`Node ${node.id} has been reseted`)
  }

  static onNodeDelete(node, ctx) {
    ctx.logger.debug(`Node ${node.id} has been deleted`)
  }

  static onNodeCollectionDelete(nodeIds, ctx) {
    ctx.logger.debug(`Nodes ${nodeIds.join(', ')} have been deleted`)
  }

  static onClusterDelete(cluster, ctx) {
    ctx.logger.debug(`Cluster ${cluster.id} has been deleted`)
  }

  static onBeforeDeploymentCheck(cluster, _nodes, ctx) {
    ctx.logger.debug(`Cluster ${cluster.id} will be deployed soon`)
  }
}
