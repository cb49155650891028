/**
 * The progress engine shared by provisioning and deployment: nodes advance phase by phase, one
 * response per step for the whole task, injected failures strike half-way through a phase, and the
 * task ends with exactly one `ready` or `error` response.
 */
import type { NodeBoard } from './sim-board.js'
import { type Outcome, type SimTask, STOPPED_ERROR } from './sim-task.js'

export interface Phase {
  uids: readonly string[]
  stage: 'provision' | 'deploy'
  running: string
  done: string
}

/** Runs the phases in order; false when a stop request interrupted them. */
export async function runPhases(task: SimTask, board: NodeBoard, phases: readonly Phase[]): Promise<boolean> {
  await task.send({ status: 'running', progress: 0, nodes: board.snapshot() })
  for (const phase of phases) {
    if (!(await runPhase(task, board, phase))) return false
  }
  return true
}

async function runPhase(task: SimTask, board: NodeBoard, phase: Phase): Promise<boolean> {
  const failing = failingNodes(task, phase)
  const failAt = Math.ceil(task.steps / 2)
  for (let step = 1; step <= task.steps; step++) {
    await task.step()
    if (task.stopRequested) return false
    board.advance(phase.uids, step, task.steps, phase.running, phase.done)
    if (step === failAt) for (const [uid, message] of failing) board.fail(uid, phase.stage, message)
    await task.send({ status: 'running', progress: board.progress(), nodes: board.snapshot() })
  }
  return true
}

/** The phase's nodes that must fail, found in O(failures) rather than O(nodes). */
function failingNodes(task: SimTask, phase: Phase): Map<string, string> {
  const wanted = task.failures(phase.stage)
  if (wanted.size === 0) return wanted as Map<string, string>
  const members = new Set(phase.uids)
  return new Map([...wanted].filter(([uid]) => members.has(uid)))
}

/** Sends the single final response of a task and returns its outcome. */
export async function finish(
  task: SimTask,
  board: NodeBoard,
  completed: boolean,
  done: string,
  verb: string,
): Promise<Outcome> {
  if (!completed) {
    board.stopUnfinished(done)
    await task.send({ status: 'error', progress: 100, error: STOPPED_ERROR, nodes: board.snapshot() })
    return 'error'
  }
  const failed = board.failed()
  if (failed.length > 0) {
    const error = failed.map((node) => `Failed to ${verb} node '${node.uid}': ${node.error_msg}`).join('; ')
    await task.send({ status: 'error', progress: 100, error, nodes: board.snapshot() })
    return 'error'
  }
  await task.send({ status: 'ready', progress: 100, nodes: board.snapshot() })
  return 'ready'
}
