/**
 * The hook the pipeline stages call when one is given (`PipelineRunOptions.observer`): once with
 * the facts the pipelines receive, then after every pipeline method with its record and the facts
 * it left. Tracing (JSON Patch per stage) and the facts contract are built on it (facts-watch.ts).
 * @module
 */
import type { BaseExtension } from '@nailgun/extensions'
import type { PipelineStageRecord } from '../pipeline-runner.js'

export interface StageObserver {
  /** Before the first method runs (only when some extension is enabled). */
  begin(facts: unknown): void
  /** After each method; may throw to stop the run (an enforced contract). */
  after(record: PipelineStageRecord, extension: BaseExtension, facts: unknown): void
}
