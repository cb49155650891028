/**
 * The state of every node of one simulated task. Each step touches only the nodes of the running
 * phase and builds one snapshot for the whole task, so a step costs O(nodes) and a task sends one
 * response per step, whatever its size.
 */
import type { NodeReport } from './types.js'

interface NodeState {
  uid: string
  status: string
  progress: number
  error_type?: string
  error_msg?: string
}

export class NodeBoard {
  private readonly nodes = new Map<string, NodeState>()
  private progressSum = 0

  constructor(uids: readonly string[], initialStatus: string) {
    for (const uid of uids) this.nodes.set(uid, { uid, status: initialStatus, progress: 0 })
  }

  get size(): number {
    return this.nodes.size
  }

  /** Moves the given nodes to `step` of `steps`; the last step reaches 100 and `done`. Failed nodes stay put. */
  advance(uids: readonly string[], step: number, steps: number, running: string, done: string): void {
    const progress = Math.min(100, Math.round((step * 100) / steps))
    for (const uid of uids) {
      const node = this.nodes.get(uid)
      if (!node || node.status === 'error') continue
      this.setProgress(node, progress)
      node.status = progress === 100 ? done : running
    }
  }

  fail(uid: string, errorType: string, message: string): void {
    const node = this.nodes.get(uid)
    if (!node || node.status === 'error') return
    this.setProgress(node, 100)
    node.status = 'error'
    node.error_type = errorType
    node.error_msg = message
  }

  /** Nodes that have not reached `done` (nor failed) become `stopped`, keeping their progress. */
  stopUnfinished(done: string): void {
    for (const node of this.nodes.values()) {
      if (node.status !== done && node.status !== 'error') node.status = 'stopped'
    }
  }

  failed(): NodeState[] {
    return [...this.nodes.values()].filter((node) => node.status === 'error')
  }

  /** The task's progress: the mean of its nodes' progress. */
  progress(): number {
    return this.nodes.size === 0 ? 0 : Math.floor(this.progressSum / this.nodes.size)
  }

  snapshot(): NodeReport[] {
    const out: NodeReport[] = []
    for (const node of this.nodes.values()) out.push({ ...node })
    return out
  }

  private setProgress(node: NodeState, progress: number): void {
    // Never backwards: a node's progress only grows.
    const next = Math.max(node.progress, progress)
    this.progressSum += next - node.progress
    node.progress = next
  }
}
