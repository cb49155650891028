/** Peak RSS of the N-node deployment facts request, measured in a child process (see memory-child.ts). */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface MemoryFigures {
  rssBefore: number
  peak: number
  bytes: number
}

/**
 * The run with the median growth of `runs` child processes: one process's peak moved by ±25 %
 * from run to run (when the collector happens to run), so one sample said little.
 */
export async function memoryScenario(database: 'sqlite' | 'postgres', nodes: number, runs = 1): Promise<MemoryFigures> {
  const samples: MemoryFigures[] = []
  for (let i = 0; i < runs; i++) samples.push(await oneRun(database, nodes))
  samples.sort((a, b) => a.peak - a.rssBefore - (b.peak - b.rssBefore))
  return samples[Math.floor(samples.length / 2)] as MemoryFigures
}

async function oneRun(database: 'sqlite' | 'postgres', nodes: number): Promise<MemoryFigures> {
  const child = path.join(import.meta.dirname, 'memory-child.ts')
  const { stdout } = await run(
    process.execPath,
    ['--max-semi-space-size=32', '--expose-gc', '--import', 'tsx', child, database, String(nodes)],
    {
      maxBuffer: 1 << 20,
      timeout: 15 * 60_000,
    },
  )
  const figures = JSON.parse(stdout) as MemoryFigures & { status: number }
  if (figures.status !== 200) throw new Error(`memory scenario: facts request answered ${figures.status}`)
  return figures
}
