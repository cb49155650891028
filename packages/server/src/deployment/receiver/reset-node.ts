/**
 * Nailgun's `Node.reset_to_discover`: the node is back in bootstrap, waiting to be installed again
 * with the roles it had (moved back to pending), then `onNodeReset`. No `onNodeUpdate`: the
 * operator changed nothing.
 */
import type { NodeObject } from '@nailgun/extensions'
import { updateNode } from '../../domain/node/index.js'
import type { ReceiverContext } from './receiver-context.js'

export async function resetToDiscover(rc: ReceiverContext, node: NodeObject): Promise<NodeObject> {
  const updated = await updateNode(rc.trx, node.id, {
    status: 'discover',
    pendingAddition: true,
    pendingDeletion: false,
    progress: 0,
    errorType: null,
    errorMsg: null,
    pendingRoles: [...new Set([...node.pendingRoles, ...node.roles])],
    roles: [],
    primaryTags: [],
  })
  await rc.ctx.extensions.fire(rc.trx, 'onNodeReset', [updated])
  return updated
}
