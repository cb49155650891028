/**
 * `onBeforeDeploymentCheck`: refuse to deploy when a node about to be provisioned has disks too
 * small for its volumes. One line per such node, as Nailgun words it.
 * @module
 */
import { type ExtensionContext, InputError, type NodeObject } from '@nailgun/extensions'
import { diskSpaceShortfalls, insufficientSpaceMessage } from './layout/disk-space.js'
import { humanName } from './node-layout.js'
import { nodeLayoutsFor } from './node-layouts.js'

/**
 * Only nodes whose disks will be (re)partitioned: not those already installed (ready, deploying,
 * provisioned), nor those that failed after provisioning succeeded.
 */
export function isDiskCheckRequired(node: Pick<NodeObject, 'status' | 'errorType'>): boolean {
  if (node.status === 'ready' || node.status === 'deploying' || node.status === 'provisioned') return false
  return !(node.status === 'error' && node.errorType !== 'provision')
}

export async function checkNodesDiskSpace(nodes: readonly NodeObject[], ctx: ExtensionContext): Promise<void> {
  const checked = nodes.filter(isDiskCheckRequired)
  const layouts = nodeLayoutsFor(ctx)
  await layouts.prefetch(checked.map((n) => n.id))
  const lines: string[] = []
  const details: Array<{ nodeId: number; shortfalls: string[] }> = []
  for (const node of checked) {
    const shortfalls = diskSpaceShortfalls(await layouts.layoutOf(node), await layouts.inputOf(node))
    if (shortfalls.length === 0) continue
    lines.push(insufficientSpaceMessage(humanName(node)))
    details.push({ nodeId: node.id, shortfalls })
  }
  if (lines.length > 0) {
    throw new InputError('NG_EXT_VOLUMES_INSUFFICIENT_SPACE', lines.join('\n'), { errors: details })
  }
}
