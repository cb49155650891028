/**
 * Sizes Glance's image cache, seed style (the whole facts at once): 10% of the controllers'
 * image volume, at least 5 GB, in bytes as a string; '0' when images live in Ceph and no local
 * cache is wanted. With several controllers the smallest one decides, so the cache fits on each.
 * @module
 */
import {
  BasePipeline,
  type ClusterObject,
  type DeploymentFacts,
  type NodeObject,
  type PipelineKwargs,
} from '@nailgun/extensions'
import { allocatedLogicalVolume } from '../layout/logical-volumes.js'
import type { Layout } from '../layout/types.js'
import { mbToBytes } from '../layout/units.js'
import { imagesCeph } from '../node-layout.js'
import { nodeLayoutsFor } from '../node-layouts.js'
import { childObject } from './node-volumes-pipeline.js'

const MIN_CACHE_BYTES = 5 * 1024 ** 3

export class SetImageCacheMaxSizePipeline extends BasePipeline {
  static async processDeployment(
    data: DeploymentFacts,
    cluster: ClusterObject,
    nodes: NodeObject[],
    kwargs: PipelineKwargs,
  ): Promise<DeploymentFacts> {
    const glance = childObject(data.common, 'glance')
    glance.image_cache_max_size = imagesCeph(cluster) ? '0' : await controllersCacheSize(nodes, kwargs)
    return data
  }
}

async function controllersCacheSize(nodes: readonly NodeObject[], kwargs: PipelineKwargs): Promise<string> {
  const controllers = nodes.filter((n) => n.roles.includes('controller') || n.pendingRoles.includes('controller'))
  const layouts = nodeLayoutsFor(kwargs.ctx)
  await layouts.prefetch(controllers.map((n) => n.id))
  const sizes = await Promise.all(controllers.map(async (n) => imageCacheSize(await layouts.layoutOf(n))))
  return String(sizes.length > 0 ? Math.min(...sizes) : MIN_CACHE_BYTES)
}

/** 10% of the node's Glance volume, never below 5 GB. */
export function imageCacheSize(layout: Layout): number {
  const cache = Math.trunc(0.1 * mbToBytes(allocatedLogicalVolume(layout, 'image', 'glance')))
  return Math.max(cache, MIN_CACHE_BYTES)
}
