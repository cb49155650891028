/**
 * Golden facts: render an environment's provisioning or deployment facts (the `/defaults`
 * endpoints, which run every enabled extension's pipelines) and compare them to a stored JSON
 * file, after replacing what changes from run to run (timestamps, uuids, passwords and keys,
 * ids, MACs). `UPDATE_GOLDEN=1 npx vitest run ...` writes the files instead of comparing.
 *
 * @example
 * ```ts
 * await expectFactsToMatchGolden(t, cluster.id, 'deployment.json', { stage: 'deployment', dir: import.meta.dirname })
 * ```
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import type { TestApp } from './test-app.js'

export type FactsStage = 'deployment' | 'provisioning'

/** The facts as the orchestrator would receive them (GET /clusters/<id>/orchestrator/<stage>/defaults). */
export async function renderFacts(t: TestApp, clusterId: number, stage: FactsStage): Promise<unknown> {
  const res = await t.get(`/api/v1/clusters/${clusterId}/orchestrator/${stage}/defaults`)
  if (res.status !== 200) throw new Error(`${stage} facts of ${clusterId}: ${res.status} ${res.text}`)
  return res.body
}

const SECRET_KEY = /(password|passwd|secret|token|_key$|^key$|private|salt|hash)/i
const VOLATILE_KEY = /^(uid|id|\w+_id|fqdn|hostname|node_name|timestamp|\w+_at|uuid|mac)$/i
const ENV_NAME = /\benv-\d+-\d+\b/g
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
const ISO_TIME = /\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?/g
const MAC = /\b([0-9a-f]{2}:){5}[0-9a-f]{2}\b/gi

export interface NormaliseOptions {
  /** Extra keys to replace by `<volatile>` (exact names). */
  volatileKeys?: readonly string[]
}

/** A copy with volatile values replaced by placeholders, so two runs render the same JSON. */
export function normaliseFacts(value: unknown, options: NormaliseOptions = {}, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => normaliseFacts(item, options, key))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value).sort())
      out[k] = normaliseFacts((value as Record<string, unknown>)[k], options, k)
    return out
  }
  if (typeof value === 'string') {
    if (SECRET_KEY.test(key) && value !== '') return '<secret>'
    if (VOLATILE_KEY.test(key) || options.volatileKeys?.includes(key)) return '<volatile>'
    return value.replace(UUID, '<uuid>').replace(ISO_TIME, '<time>').replace(MAC, '<mac>').replace(ENV_NAME, '<env>')
  }
  if (typeof value === 'number' && (VOLATILE_KEY.test(key) || options.volatileKeys?.includes(key))) return '<number>'
  return value
}

export interface GoldenOptions extends NormaliseOptions {
  stage: FactsStage
  /** Folder of the golden files; default `<cwd>/test/golden`. A relative `file` is resolved against it. */
  dir?: string
  /** Compare only part of the facts (e.g. one extension's keys). */
  select?: (facts: unknown) => unknown
}

/** Renders the facts, normalises them and compares them to `file` (or writes it with UPDATE_GOLDEN=1). */
export async function expectFactsToMatchGolden(
  t: TestApp,
  clusterId: number,
  file: string,
  options: GoldenOptions,
): Promise<void> {
  const facts = await renderFacts(t, clusterId, options.stage)
  const actual = normaliseFacts(options.select ? options.select(facts) : facts, options)
  const target = path.resolve(options.dir ?? path.join(process.cwd(), 'test', 'golden'), file)
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(target)) {
    if (process.env.UPDATE_GOLDEN !== '1' && process.env.CI) throw new Error(`Golden file ${target} is missing`)
    mkdirSync(path.dirname(target), { recursive: true })
    writeFileSync(target, `${JSON.stringify(actual, null, 2)}\n`)
    return
  }
  const expected = JSON.parse(readFileSync(target, 'utf8'))
  expect(actual, `facts differ from ${target} (UPDATE_GOLDEN=1 rewrites it)`).toEqual(expected)
}
