/** Invariants every task's response sequence must keep. */
import { expect } from 'vitest'
import type { OrchestratorResponse } from '../../src/orchestrator/index.js'

/** Task progress and each node's progress never decrease along the sequence. */
export function expectMonotonic(responses: readonly OrchestratorResponse[]): void {
  let task = 0
  const nodes = new Map<string, number>()
  for (const { args } of responses) {
    if (args.progress !== undefined) {
      expect(args.progress).toBeGreaterThanOrEqual(task)
      task = args.progress
    }
    for (const node of args.nodes ?? []) {
      if (node.progress === undefined) continue
      expect(node.progress, `node ${node.uid}`).toBeGreaterThanOrEqual(nodes.get(node.uid) ?? 0)
      nodes.set(node.uid, node.progress)
    }
  }
}

/** Exactly one `ready`/`error` response, and it is the last one. */
export function expectSingleFinal(responses: readonly OrchestratorResponse[]): OrchestratorResponse {
  const finals = responses.filter((r) => r.args.status === 'ready' || r.args.status === 'error')
  expect(finals).toHaveLength(1)
  expect(responses.at(-1)).toBe(finals[0])
  return finals[0]!
}

export function nodeOf(response: OrchestratorResponse, uid: string) {
  return response.args.nodes?.find((node) => node.uid === uid)
}
