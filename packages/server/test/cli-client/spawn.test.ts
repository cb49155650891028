import { createCluster } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runNailgun } from '../cli/run-cli.js'
import { type Served, serve } from './helpers.js'

// Real processes (about 1.5 s each): `node --import tsx packages/server/src/main.ts ...`.
describe('nailgun operator commands in a real process', { timeout: 60_000 }, () => {
  let s: Served
  let env: Record<string, string>
  beforeAll(async () => {
    s = await serve()
    env = { NAILGUN_URL: s.url, NAILGUN_CONFIG_DIR: s.configDir }
  })
  afterAll(() => s.close())

  it('env list --json prints the environments and exits 0', async () => {
    const cluster = await createCluster(s.t, { name: 'spawned' })
    const res = await runNailgun(['env', 'list', '--json'], { env })
    expect(res.stderr).toBe('')
    expect(res.code).toBe(0)
    expect(JSON.parse(res.stdout)).toEqual([expect.objectContaining({ id: cluster.id, name: 'spawned' })])
  })

  it('exits 1 on an API error and 2 on a usage error', async () => {
    const missing = await runNailgun(['env', 'show', '999'], { env })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^error: .*\(HTTP 404\)\n$/)
    const usage = await runNailgun(['env', 'show', '--bogus'], { env })
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain("unknown option '--bogus'")
  })
})
