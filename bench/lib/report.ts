/**
 * Writes the "Performance" section of BENCHMARKS.md (machine facts, the results table, then
 * bench/NOTES.md: the profiles and what each optimisation bought), keeping every other section
 * (e.g. "Load") as it is.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Result } from './result.js'

const ROOT = path.join(import.meta.dirname, '..', '..')
const FILE = path.join(ROOT, 'BENCHMARKS.md')
const NOTES = path.join(ROOT, 'bench', 'NOTES.md')

function machine(seconds: number): string {
  const cpus = os.cpus()
  return [
    `- Run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${seconds.toFixed(0)} s, \`npm run bench\``,
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores (shared with other engineers' test runs: absolute times are noisy, ratios are what counts)`,
    `- Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB; OS: ${os.type()} ${os.release()}; Node ${process.version}`,
    '- Databases: SQLite in memory (better-sqlite3, as the test kit opens it); PostgreSQL on 127.0.0.1 (a fresh database per scenario); RabbitMQ on 127.0.0.1',
  ].join('\n')
}

export function renderTable(results: readonly Result[]): string {
  const head = ['scenario', 'db', 'figure (median)', 'baseline (same run)', 'ratio', 'target', 'result']
  const rows = results.map((r) => {
    const met = r.met === null ? 'report' : r.met ? 'met' : '**not met**'
    const ratio = r.ratio === null ? '' : `${r.ratio.toFixed(2)}×`
    return [r.scenario, r.database, r.figure, r.baseline, ratio, r.target, `${met}${r.note ? ` (${r.note})` : ''}`]
  })
  // Padded as Biome formats Markdown tables, so `npm run lint` accepts the file as written.
  const widths = head.map((h, i) => Math.max(h.length, 3, ...rows.map((row) => (row[i] as string).length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

function section(results: readonly Result[], seconds: number): string {
  const notes = existsSync(NOTES) ? `\n${readFileSync(NOTES, 'utf8').trim()}\n` : ''
  return `## Performance\n\nWritten by \`npm run bench\` (bench/run.ts); do not edit by hand, edit bench/NOTES.md.\n\n${machine(seconds)}\n\n${renderTable(results)}\n${notes}`
}

/** Replaces the Performance section (or appends it) and returns the table. */
export async function writeBenchmarks(
  results: readonly Result[],
  options: { smoke: boolean; write: boolean; seconds: number },
): Promise<string> {
  const table = renderTable(results)
  if (!options.write) return table
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '# Benchmarks\n'
  const fresh = section(results, options.seconds)
  const start = current.search(/^## Performance\s*$/m)
  let next: string
  if (start < 0) {
    next = `${current.trimEnd()}\n\n${fresh}`
  } else {
    const rest = current.slice(start + 1).search(/^## (?!#)/m)
    const end = rest < 0 ? current.length : start + 1 + rest
    next = `${current.slice(0, start)}${fresh}${end < current.length ? `\n${current.slice(end)}` : ''}`
  }
  writeFileSync(FILE, `${next.trimEnd()}\n`)
  return table
}
