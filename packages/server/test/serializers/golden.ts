/**
 * Golden files: `expectGolden('name', value)` compares with `fixtures/name.json`.
 * `UPDATE_GOLDEN=1 npx vitest run packages/server/test/serializers` rewrites them; review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'

export function expectGolden(name: string, value: unknown): void {
  const file = fileURLToPath(new URL(`./fixtures/${name}.json`, import.meta.url))
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`)
    return
  }
  if (!existsSync(file)) throw new Error(`No golden file ${file}: run with UPDATE_GOLDEN=1 and review it`)
  expect(value).toStrictEqual(JSON.parse(readFileSync(file, 'utf8')))
}
