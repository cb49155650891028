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

export async function memoryScenario(database: 'sqlite' | 'postgres', nodes: number): Promise<MemoryFigures> {
  const child = path.join(import.meta.dirname, 'memory-child.ts')
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', child, database, String(nodes)], {
    maxBuffer: 1 << 20,
    timeout: 15 * 60_000,
  })
  const figures = JSON.parse(stdout) as MemoryFigures & { status: number }
  if (figures.status !== 200) throw new Error(`memory scenario: facts request answered ${figures.status}`)
  return figures
}
