/**
 * The long reliability tests `npm run test:faults` runs after `npm test`: real server processes
 * killed with SIGKILL, outages through TCP proxies, the big fuzz run. Kept out of `npm test`
 * because each takes tens of seconds.
 */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.faults.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
    reporters: ['default', './packages/testing/src/summary-reporter.ts'],
  },
})
