import type { Reporter, SerializedError, TestModule } from 'vitest/node'

/**
 * Prints the plain `N passed, N failed, N skipped` line CI reads, after vitest's own summary.
 * Counts tests, not files; a file that failed without a failing test (it did not load, or a
 * `beforeAll` threw, which leaves its tests skipped) and an unhandled error count as one failure
 * each, so the line never says `0 failed` for a run that failed.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const module of testModules) {
      let failedHere = 0
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failedHere++
        else skipped++
      }
      failed += module.state() === 'failed' && failedHere === 0 ? 1 : failedHere
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}
