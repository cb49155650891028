/** Loading the node a request names, Nailgun's way: a missing node is a 404 "Node not found". */
import { type HandlerRequest, type NodeObject, NotAllowedError, NotFoundError } from '@nailgun/extensions'
import { isDiskCheckRequired } from '../deployment-check.js'
import { humanName } from '../node-layout.js'

export type NodeParams = { node_id: string }

export async function nodeOr404(request: HandlerRequest<NodeParams>): Promise<NodeObject> {
  const id = Number(request.params.node_id)
  const node = Number.isSafeInteger(id) ? await request.ctx.objects.nodes.get(id) : undefined
  if (!node) throw new NotFoundError('NG_EXT_VOLUMES_NODE_NOT_FOUND', 'Node not found')
  return node
}

/**
 * Disks can be laid out again only while they will still be partitioned: not once the node is
 * being or has been provisioned, nor while it is being removed.
 */
export function assertDisksEditable(node: NodeObject): void {
  if (isDiskCheckRequired(node) && node.status !== 'provisioning' && node.status !== 'removing') return
  throw new NotAllowedError(
    'NG_EXT_VOLUMES_NODE_BUSY',
    `Disks of node '${humanName(node)}' cannot be changed while it is ${node.status}`,
  )
}
