/**
 * One node's layout: read it (stored, or default), store a new default, store a user's layout.
 * What the extension `provides` and what its events and handlers share.
 * @module
 */
import type { ExtensionContext, NodeObject } from '@nailgun/extensions'
import type { Layout, LayoutInput } from './layout/types.js'
import { defaultLayout } from './layout/volume-layout.js'
import { humanName, layoutInput, loadLayoutSource } from './node-layout.js'
import { findVolumes, saveVolumes } from './volume-store.js'

export async function nodeLayoutInput(node: NodeObject, ctx: ExtensionContext): Promise<LayoutInput> {
  return layoutInput(node, await loadLayoutSource(node, ctx.objects))
}

export async function defaultNodeLayout(node: NodeObject, ctx: ExtensionContext): Promise<Layout> {
  return defaultLayout(await nodeLayoutInput(node, ctx))
}

/** The stored layout, or the default one when the node has none yet. */
export async function currentNodeLayout(node: NodeObject, ctx: ExtensionContext): Promise<Layout> {
  const stored = await findVolumes(ctx.db, node.id)
  return stored ? stored.volumes : defaultNodeLayout(node, ctx)
}

/** Stores a layout a user chose; events will not replace it unless the node's disks change. */
export async function setNodeVolumes(node: NodeObject, volumes: Layout, ctx: ExtensionContext): Promise<void> {
  await saveVolumes(ctx.db, node.id, volumes, true)
}

/**
 * Computes and stores the default layout. A node whose layout cannot be computed (malformed
 * release metadata, unknown generator...) must still register, so the failure becomes an error
 * notification for the operator instead of an exception, as in Nailgun.
 */
export async function setDefaultNodeVolumes(node: NodeObject, ctx: ExtensionContext): Promise<void> {
  let layout: Layout
  try {
    layout = await defaultNodeLayout(node, ctx)
  } catch (error) {
    await notifyFailure(node, error, ctx)
    return
  }
  await saveVolumes(ctx.db, node.id, layout, false)
}

async function notifyFailure(node: NodeObject, error: unknown, ctx: ExtensionContext): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error)
  const message = `Failed to generate volumes for node '${humanName(node)}': ${reason}`
  ctx.logger.error(message, { nodeId: node.id })
  await ctx.objects.notifications.create({ topic: 'error', message, nodeId: node.id, clusterId: node.clusterId })
}
