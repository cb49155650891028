/**
 * The `volume_manager` extension: every node's disk layout, in its own table, kept current by node
 * events, editable over REST, checked before deployment and handed to the orchestrator by pipelines.
 * @module
 */
import { fileURLToPath } from 'node:url'
import {
  BaseExtension,
  type ClusterObject,
  type EventContext,
  type ExtensionContext,
  type NodeObject,
  type UrlSpec,
} from '@nailgun/extensions'
import { checkNodesDiskSpace } from './deployment-check.js'
import { NodeDefaultsDisksHandler, NodeDisksHandler, NodeVolumesInformationHandler } from './handlers/disks-handlers.js'
import type { Layout } from './layout/types.js'
import { onNodeUpdated } from './node-events.js'
import { currentNodeLayout, setDefaultNodeVolumes, setNodeVolumes } from './node-volumes.js'
import { SetImageCacheMaxSizePipeline } from './pipelines/image-cache-pipeline.js'
import { NodeVolumesPipeline } from './pipelines/node-volumes-pipeline.js'
import { deleteVolumesOf } from './volume-store.js'

export class VolumeManagerExtension extends BaseExtension {
  readonly name = 'volume_manager'
  readonly version = '1.0.0'
  readonly description = 'Disk and volume layout of every node: defaults by role, REST editing, disk checks, facts'
  provides = ['get_node_volumes', 'set_node_volumes', 'set_default_node_volumes']
  urls: UrlSpec[] = [
    { uri: String.raw`/nodes/(?P<node_id>\d+)/disks/?$`, handler: NodeDisksHandler },
    { uri: String.raw`/nodes/(?P<node_id>\d+)/disks/defaults/?$`, handler: NodeDefaultsDisksHandler },
    { uri: String.raw`/nodes/(?P<node_id>\d+)/volumes/?$`, handler: NodeVolumesInformationHandler },
  ]
  dataPipelines = [NodeVolumesPipeline, SetImageCacheMaxSizePipeline]

  /** The migrations live beside `src/`, in the package's `migrations/` folder. */
  migrationsPath(): string {
    return fileURLToPath(new URL('../migrations', import.meta.url))
  }

  // Provided calls (Nailgun's `node_extension_call`).

  /** The node's stored layout, or its default one. */
  get_node_volumes(node: NodeObject, ctx: ExtensionContext): Promise<Layout> {
    return currentNodeLayout(node, ctx)
  }

  set_node_volumes(node: NodeObject, volumes: Layout, ctx: ExtensionContext): Promise<void> {
    return setNodeVolumes(node, volumes, ctx)
  }

  set_default_node_volumes(node: NodeObject, ctx: ExtensionContext): Promise<void> {
    return setDefaultNodeVolumes(node, ctx)
  }

  // Events. `onNodeReset` is not handled on purpose: a reset node keeps its layout (the disks did
  // not change), and an agent reporting new disks afterwards triggers `onNodeUpdate`.
  // Handlers are properties, not methods: the SDK types them as optional properties of BaseExtension,
  // which a method may not override (TS2425).

  onNodeCreate = (node: NodeObject, ctx: EventContext): Promise<void> => setDefaultNodeVolumes(node, ctx)

  onNodeUpdate = (node: NodeObject, ctx: EventContext): Promise<void> => onNodeUpdated(node, ctx)

  /** Same transaction as the core delete: the row goes with the node or not at all. */
  onNodeDelete = (node: NodeObject, ctx: EventContext): Promise<void> => deleteVolumesOf(ctx.db, [node.id])

  onNodeCollectionDelete = (nodeIds: number[], ctx: EventContext): Promise<void> => deleteVolumesOf(ctx.db, nodeIds)

  onBeforeDeploymentCheck = (_cluster: ClusterObject, nodes: NodeObject[], ctx: EventContext): Promise<void> =>
    checkNodesDiskSpace(nodes, ctx)
}
