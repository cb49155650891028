/**
 * Start-up to serving: `createApp` (migrations, extension validation and ordering, routes) and
 * `listen`, with 50 installed extensions against none, each on a fresh database whose creation
 * is not counted.
 */
import type { BaseExtension } from '@nailgun/extensions'
import { createApp, loadConfig } from '@nailgun/server'
import { createTestDatabase } from '@nailgun/testing'
import { noopExtensions } from '../extensions/noop-extensions.js'
import { median } from '../lib/stats.js'

async function startOnce(database: 'sqlite' | 'postgres', extensions: BaseExtension[]): Promise<number> {
  const db = await createTestDatabase(database)
  try {
    const config = {
      ...loadConfig({}, {}),
      databaseUrl: db.url,
      logLevel: 'silent',
      auth: 'none',
      extensionsRoot: process.cwd(),
    } as const
    const start = performance.now()
    const app = await createApp(config, { discoverExtensions: false, extensions })
    await app.http.listen({ port: 0, host: '127.0.0.1' })
    const ms = performance.now() - start
    await app.close()
    return ms
  } finally {
    await db.drop()
  }
}

export async function startupScenario(database: 'sqlite' | 'postgres', extensions: number, runs: number) {
  await startOnce(database, noopExtensions(extensions)) // warm-up
  const withExt: number[] = []
  const without: number[] = []
  for (let i = 0; i < runs; i++) {
    without.push(await startOnce(database, []))
    withExt.push(await startOnce(database, noopExtensions(extensions)))
  }
  return { ms: median(withExt), baselineMs: median(without) }
}
