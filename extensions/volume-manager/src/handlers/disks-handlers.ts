/**
 * The REST endpoints of the extension (Nailgun's `NodeDisksHandler`, `NodeDefaultsDisksHandler`,
 * `NodeVolumesInformationHandler`). Disks travel in the simple format: usable sizes only.
 * @module
 */
import { BaseHandler, type HandlerRequest, NotFoundError } from '@nailgun/extensions'
import { validateDisksBody } from '../layout/disks-validator.js'
import { applySimpleEdits, toSimpleFormat } from '../layout/simple-format.js'
import { isDisk } from '../layout/types.js'
import { defaultLayout } from '../layout/volume-layout.js'
import { volumesInfo } from '../layout/volumes-info.js'
import { layoutInput, loadLayoutSource } from '../node-layout.js'
import { currentNodeLayout, defaultNodeLayout, nodeLayoutInput, setNodeVolumes } from '../node-volumes.js'
import { findVolumes } from '../volume-store.js'
import { assertDisksEditable, type NodeParams, nodeOr404 } from './node-lookup.js'

/** `/nodes/<id>/disks`: the node's layout (stored, or its default), and saving a user's edit. */
export class NodeDisksHandler extends BaseHandler {
  async GET(request: HandlerRequest<NodeParams>) {
    const node = await nodeOr404(request)
    return toSimpleFormat(await currentNodeLayout(node, request.ctx))
  }

  async PUT(request: HandlerRequest<NodeParams>) {
    const { ctx } = request
    const node = await nodeOr404(request)
    assertDisksEditable(node)
    const source = await loadLayoutSource(node, ctx.objects)
    const input = layoutInput(node, source)
    const current = (await findVolumes(ctx.db, node.id))?.volumes ?? defaultLayout(input)
    const edits = validateDisksBody(request.body, current.filter(isDisk), {
      osOnSingleDisk: source.release?.operatingSystem.toLowerCase() === 'ubuntu',
    })
    const updated = applySimpleEdits(current, edits, input)
    await setNodeVolumes(node, updated, ctx)
    return toSimpleFormat(updated)
  }
}

/** `/nodes/<id>/disks/defaults`: what the layout would be without the user's edits (not saved). */
export class NodeDefaultsDisksHandler extends BaseHandler {
  async GET(request: HandlerRequest<NodeParams>) {
    const node = await nodeOr404(request)
    return toSimpleFormat(await defaultNodeLayout(node, request.ctx))
  }
}

/** `/nodes/<id>/volumes`: the volumes the node's roles need, their minimum and current sizes. */
export class NodeVolumesInformationHandler extends BaseHandler {
  async GET(request: HandlerRequest<NodeParams>) {
    const node = await nodeOr404(request)
    // Which volumes a node needs depends on its environment's release.
    if (node.clusterId === null) {
      throw new NotFoundError(
        'NG_EXT_VOLUMES_NODE_UNASSIGNED',
        'Cannot calculate volumes info. Please, add node to an environment.',
      )
    }
    const input = await nodeLayoutInput(node, request.ctx)
    const layout = (await findVolumes(request.ctx.db, node.id))?.volumes ?? defaultLayout(input)
    return volumesInfo(layout, input)
  }
}
