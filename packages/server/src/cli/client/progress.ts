/**
 * Following a task to its end, as fuelclient does: poll `GET /tasks/<id>` and the environment's
 * nodes every `io.pollMs`, show a live bar per task and per node on a terminal (cli-progress
 * MultiBar) or one line per change otherwise, then a summary. Exit code 4 when the task failed.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { MultiBar, Presets, type SingleBar } from 'cli-progress'
import { type ApiClient, ApiError, type Json } from './api-client.js'
import { type ClientIo, EXIT, writeLine } from './io.js'

export interface WatchOptions {
  /** Whose nodes to show; the task's `cluster` when omitted. */
  clusterId?: number | null
  /** No summary on stdout (the caller prints JSON or YAML there). */
  quiet?: boolean
}

interface Renderer {
  update(task: Json, nodes: Json[]): void
  stop(): void
}

const nodeLabel = (node: Json) => `node #${node.id} ${node.name ?? ''}`.trim()
const fit = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width))
const nodeRoles = (node: Json) => [...(node.roles ?? []), ...(node.pending_roles ?? [])].join(',')
const nodePercent = (node: Json) => (node.status === 'ready' ? 100 : Number(node.progress) || 0)

/** Live bars on a terminal. */
function barRenderer(io: ClientIo): Renderer {
  const multi = new MultiBar(
    {
      stream: io.err,
      format: '{label} |{bar}| {percentage}% {state}',
      hideCursor: true,
      clearOnComplete: false,
      autopadding: true,
      barsize: 20,
    },
    Presets.shades_classic,
  )
  const bars = new Map<string, SingleBar>()
  const set = (key: string, label: string, value: number, state: string) => {
    let bar = bars.get(key)
    if (!bar) {
      bar = multi.create(100, 0, { label, state })
      bars.set(key, bar)
    }
    bar.update(Math.max(0, Math.min(100, value)), { label, state })
  }
  return {
    update(task, nodes) {
      set('task', fit(`task #${task.id} ${task.name}`, 26), task.progress ?? 0, task.status)
      for (const node of nodes) {
        const label = fit(`  ${nodeLabel(node)}`, 26)
        set(`node-${node.id}`, label, nodePercent(node), `${node.status} (${nodeRoles(node)})`)
      }
    },
    stop: () => multi.stop(),
  }
}

/** One line whenever the task or a node changes, for logs and pipes. */
function lineRenderer(io: ClientIo): Renderer {
  const seen = new Map<string, string>()
  const report = (key: string, text: string) => {
    if (seen.get(key) === text) return
    seen.set(key, text)
    writeLine(io.err, text)
  }
  return {
    update(task, nodes) {
      report('task', `task #${task.id} ${task.name}: ${task.status} ${task.progress ?? 0}%`)
      for (const node of nodes) report(`node-${node.id}`, `  ${nodeLabel(node)}: ${node.status} ${nodePercent(node)}%`)
    },
    stop: () => {},
  }
}

async function nodesOf(client: ApiClient, clusterId: number | null | undefined): Promise<Json[] | undefined> {
  if (clusterId === null || clusterId === undefined) return []
  try {
    return await client.nodes(clusterId)
  } catch (error) {
    // The environment may be gone (deletion): keep the last nodes seen.
    if (error instanceof ApiError && error.status !== 401) return undefined
    throw error
  }
}

const isFinished = (task: Json) => task.status === 'ready' || task.status === 'error'

/**
 * Polls until the task is ready or error (or gone: a deleted environment takes its tasks along) and
 * prints the summary on stdout. Returns the exit code: 0, or 4 when the task ended in error.
 */
export async function watchTask(client: ApiClient, io: ClientIo, started: Json, options: WatchOptions = {}) {
  const startedAt = Date.now()
  const clusterId = options.clusterId !== undefined ? options.clusterId : started.cluster
  const renderer = io.err.isTTY ? barRenderer(io) : lineRenderer(io)
  let task = started
  let nodes: Json[] = []
  let gone = false
  try {
    for (;;) {
      nodes = (await nodesOf(client, clusterId)) ?? nodes
      renderer.update(task, nodes)
      if (isFinished(task)) break
      await delay(io.pollMs)
      try {
        task = await client.task(task.id)
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error
        gone = true
        task = { ...task, status: 'ready', progress: 100 }
      }
    }
  } finally {
    renderer.stop()
  }
  if (!options.quiet) printSummary(io, task, gone ? [] : nodes, Date.now() - startedAt, gone)
  return task.status === 'error' ? EXIT.taskFailed : EXIT.ok
}

function printSummary(io: ClientIo, task: Json, nodes: Json[], ms: number, gone: boolean): void {
  const counts = new Map<string, number>()
  for (const node of nodes) counts.set(node.status, (counts.get(node.status) ?? 0) + 1)
  const nodeText = [...counts].map(([status, n]) => `${n} ${status}`).join(', ')
  const seconds = (ms / 1000).toFixed(1)
  const outcome = gone ? 'done (removed with its environment)' : task.status
  writeLine(
    io.out,
    `Task #${task.id} ${task.name}: ${outcome} in ${seconds} s${nodeText ? `; nodes: ${nodeText}` : ''}`,
  )
  if (task.status === 'error') {
    writeLine(io.out, `Task failed: ${task.message ?? 'no message'}`)
    for (const node of nodes.filter((n) => n.status === 'error'))
      writeLine(io.out, `  ${nodeLabel(node)}: ${node.error_type ?? 'error'}: ${node.error_msg ?? ''}`.trimEnd())
  }
}
