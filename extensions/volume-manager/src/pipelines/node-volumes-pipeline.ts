/**
 * Puts each node's layout into the facts, per-object style: provisioning gets it as
 * `ks_meta.pm_data.ks_spaces` (what the provisioning agent partitions the disks by), deployment as
 * `node_volumes` (what the deployment tasks read). Layouts come from the batch cache of the
 * context, so the whole environment costs a few queries, not one per node.
 * @module
 */
import {
  BasePipeline,
  type DeploymentNodeFacts,
  type ExtensionContext,
  type Json,
  type JsonObject,
  type NodeObject,
  type ProvisioningNodeFacts,
} from '@nailgun/extensions'
import { nodeLayoutsFor } from '../node-layouts.js'

export class NodeVolumesPipeline extends BasePipeline {
  static async processProvisioningForNode(node: NodeObject, nodeData: ProvisioningNodeFacts, ctx: ExtensionContext) {
    const layout = await nodeLayoutsFor(ctx).layoutOf(node)
    const pmData = childObject(childObject(nodeData, 'ks_meta'), 'pm_data')
    pmData.ks_spaces = layout as unknown as Json
    return nodeData
  }

  static async processDeploymentForNode(node: NodeObject, nodeData: DeploymentNodeFacts, ctx: ExtensionContext) {
    nodeData.node_volumes = (await nodeLayoutsFor(ctx).layoutOf(node)) as unknown as Json
    return nodeData
  }
}

/** `parent[key]`, replaced by an empty object when missing or not an object, so it can be filled in. */
export function childObject(parent: JsonObject, key: string): JsonObject {
  const value = parent[key]
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value
  const created: JsonObject = {}
  parent[key] = created
  return created
}
