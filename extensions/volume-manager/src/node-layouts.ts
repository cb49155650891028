/**
 * Layouts of many nodes at once, for the pipelines and the deployment check: stored layouts are
 * read in batches (one query per 500 nodes, not one per node) and environments and releases once
 * each, so serializing a 10,000-node environment stays a handful of queries.
 *
 * Pipelines get nodes one at a time, so the batch lives in a cache attached to the caller's
 * context object (a WeakMap: it goes away with the context). The host builds one context per
 * serialization run, so the cache never outlives the data it read; see README "Performance".
 * @module
 */
import type { ExtensionContext, NodeObject } from '@nailgun/extensions'
import type { Layout, LayoutInput } from './layout/types.js'
import { defaultLayout } from './layout/volume-layout.js'
import { type LayoutSource, layoutInput, loadLayoutSource, UNASSIGNED } from './node-layout.js'
import { findVolumesOf, type StoredVolumes } from './volume-store.js'

export class NodeLayouts {
  readonly #ctx: ExtensionContext
  readonly #sources = new Map<number, Promise<LayoutSource>>()
  readonly #stored = new Map<number, StoredVolumes>()
  /** Node ids whose row was looked for, found or not. */
  readonly #fetched = new Set<number>()
  readonly #clusters = new Map<number, Promise<void>>()

  constructor(ctx: ExtensionContext) {
    this.#ctx = ctx
  }

  /** Reads the stored layouts of these nodes in batches, skipping those already read. */
  async prefetch(nodeIds: readonly number[]): Promise<void> {
    const missing = nodeIds.filter((id) => !this.#fetched.has(id))
    if (missing.length === 0) return
    const rows = await findVolumesOf(this.#ctx.db, missing)
    for (const id of missing) this.#fetched.add(id)
    for (const [id, row] of rows) this.#stored.set(id, row)
  }

  /** The node's stored layout, or its default one when none is stored (the default is not saved). */
  async layoutOf(node: NodeObject): Promise<Layout> {
    await this.#ensureFetched(node)
    const stored = this.#stored.get(node.id)
    return stored ? stored.volumes : defaultLayout(await this.inputOf(node))
  }

  /** What the node's default layout depends on. */
  async inputOf(node: NodeObject): Promise<LayoutInput> {
    return layoutInput(node, await this.sourceOf(node))
  }

  sourceOf(node: NodeObject): Promise<LayoutSource> {
    if (node.clusterId === null) return Promise.resolve(UNASSIGNED)
    let source = this.#sources.get(node.clusterId)
    if (!source) {
      source = loadLayoutSource(node, this.#ctx.objects)
      this.#sources.set(node.clusterId, source)
    }
    return source
  }

  /** The first node of an environment brings in the rows of all its nodes. */
  async #ensureFetched(node: NodeObject): Promise<void> {
    if (this.#fetched.has(node.id)) return
    if (node.clusterId !== null) {
      const clusterId = node.clusterId
      let loading = this.#clusters.get(clusterId)
      if (!loading) {
        loading = this.#ctx.objects.nodes.list({ clusterId }).then((nodes) => this.prefetch(nodes.map((n) => n.id)))
        this.#clusters.set(clusterId, loading)
      }
      await loading
    }
    await this.prefetch([node.id])
  }
}

const perContext = new WeakMap<ExtensionContext, NodeLayouts>()

/** The batch cache of this context, created on first use. */
export function nodeLayoutsFor(ctx: ExtensionContext): NodeLayouts {
  let layouts = perContext.get(ctx)
  if (!layouts) {
    layouts = new NodeLayouts(ctx)
    perContext.set(ctx, layouts)
  }
  return layouts
}
