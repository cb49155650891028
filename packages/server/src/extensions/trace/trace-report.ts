/**
 * What the trace endpoints answer: the stages with their patches and the blame map, or, with
 * `?blame=<pointer>`, who set one field of the final facts.
 * @module
 */
import { errors } from '../../errors.js'
import { Blame, resolvePointer, segments } from './blame.js'
import type { FactsTrace } from './trace-types.js'

export interface TraceReport extends FactsTrace {
  /** `{pointer: extension@version}`: every pointer an extension set (fields below it included). */
  blame: Record<string, string>
  /** `{pointer: extension@version}`: what extensions removed. */
  removed: Record<string, string>
  facts?: unknown
}

/** The whole report; the final facts only when asked (they can be large). */
export function traceReport(trace: FactsTrace, facts: unknown, withFacts: boolean): TraceReport {
  const maps = Blame.of(trace.stages).toMaps()
  return { ...trace, ...maps, ...(withFacts ? { facts } : {}) }
}

/** Who set the field at `pointer`; 404 when the final facts have no such field and no extension removed it. */
export function blameOne(trace: FactsTrace, facts: unknown, pointer: string) {
  try {
    segments(pointer)
  } catch (error) {
    throw errors.validation((error as Error).message)
  }
  const answer = Blame.of(trace.stages).explain(pointer)
  const found = resolvePointer(facts, pointer)
  if (!found.found && !answer.removed) {
    throw errors.objectNotFound(`Field ${pointer} of the ${trace.kind} facts`)
  }
  return { ...answer, exists: found.found, ...(found.found ? { value: found.value } : {}) }
}
