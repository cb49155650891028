/** Runs autocannon (in a child process) against a listening server; returns requests/s. */
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const CHILD = path.join(import.meta.dirname, 'cannon-child.ts')

export interface CannonResult {
  rps: number
  non2xx: number
  errors: number
  total: number
}

export function writeBodies(name: string, bodies: unknown[]): string {
  const file = path.join(tmpdir(), `nailgun-bench-${process.pid}-${name}.json`)
  writeFileSync(file, JSON.stringify(bodies))
  return file
}

export async function cannon(url: string, bodiesFile: string, seconds: number, connections: number) {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', CHILD, url, bodiesFile, String(seconds), String(connections)],
    {
      maxBuffer: 1 << 20,
    },
  )
  return JSON.parse(stdout) as CannonResult
}
