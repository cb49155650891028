/** Appends a load run's figures to BENCHMARKS.md, under its own "Load" heading only. */
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT } from '../cli/run-cli.js'
import type { OperatorResult } from './operator.js'
import type { CannonFigures } from './run-load.js'

const FILE = path.join(REPO_ROOT, 'BENCHMARKS.md')
const HEADING = '## Load'

export interface LoadReport {
  agents: number
  seconds: number
  connections: number
  cannon: CannonFigures
  operator: OperatorResult
  failures: string[]
}

export async function appendLoadReport(r: LoadReport): Promise<void> {
  const { cannon: c, operator: o } = r
  const line =
    `| ${new Date().toISOString().slice(0, 16)}Z | ${os.cpus().length} CPU | ${r.agents} | ${r.seconds}s/${r.connections} conn ` +
    `| ${c.requests} | ${Math.round(c.rps)} | ${c.errors + c.timeouts + c.non2xx} | ${c.p50} / ${c.p99} ms ` +
    `| ${o.listings}: ${o.listP50} / ${o.listP99} ms | ${o.deploySeconds.toFixed(1)}s → ${o.clusterStatus} ` +
    `| ${o.nodeCount} | ${r.failures.length === 0 ? 'pass' : 'FAIL'} |\n`
  console.log(line)
  const text = existsSync(FILE) ? await readFile(FILE, 'utf8') : '# Benchmarks\n'
  if (text.includes(HEADING)) {
    // Our table is the last thing under our heading: insert the row at its end.
    const start = text.indexOf(HEADING)
    const next = text.indexOf('\n## ', start + HEADING.length)
    const end = next === -1 ? text.length : next + 1
    const section = text.slice(start, end).replace(/\n*$/, '\n')
    await writeFile(FILE, `${text.slice(0, start)}${section}${line}${next === -1 ? '' : `\n${text.slice(end)}`}`)
    return
  }
  await writeFile(FILE, `${text}${text.endsWith('\n') ? '' : '\n'}\n${HEADING}\n\n${INTRO}${TABLE_HEAD}${line}`)
}

const INTRO =
  '`npm run test:load` (packages/server/test/load): a real server on SQLite; N agents — distinct nodes — ' +
  'check in with `PUT /api/v1/nodes/agent` over keep-alive connections (autocannon) while an operator ' +
  'lists nodes every 250 ms and deploys a 3-node environment (simulated orchestrator, 50 ms steps). ' +
  'A run passes with zero errors, the exact node count and an operational environment.\n\n'
const TABLE_HEAD =
  '| Run | Machine | Agents | Duration | Check-ins | req/s | Errors | Check-in p50 / p99 | GET /nodes: n, p50 / p99 | Deploy | Nodes | Result |\n' +
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
