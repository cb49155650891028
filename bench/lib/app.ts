/** The app under test: `createTestApp` (fresh database, auth off) with the bench's extensions. */
import type { BaseExtension } from '@nailgun/extensions'
import { createTestApp, type TestApp, type TestAppOptions, type TestDatabaseKind } from '@nailgun/testing'

export type { TestApp }

export async function benchApp(
  database: TestDatabaseKind,
  extensions: BaseExtension[] = [],
  config = {},
  orchestrator?: TestAppOptions['orchestrator'],
) {
  return createTestApp({ database, extensions, orchestrator, config: { simulatorStepMs: 0, ...config } })
}
