/**
 * The observers a facts build runs with: a plain render only checks the contract (nothing at all
 * when `factsContract` is `off`, so it costs nothing more); a trace, a real task's launch, also
 * diffs every stage.
 * @module
 */
import type { AppContext } from '../../context.js'
import { FactsWatch } from '../../extensions/trace/facts-watch.js'
import { type FactsKind, factsContract } from './facts-contract.js'

/** For a plain render: the contract check in the configured mode, or none. */
export function contractWatch(ctx: Pick<AppContext, 'config' | 'log'>, kind: FactsKind): FactsWatch | undefined {
  const mode = ctx.config.factsContract ?? 'report'
  if (mode === 'off') return undefined
  return new FactsWatch({ contract: factsContract(kind), mode, trace: false, log: ctx.log })
}

/**
 * Diffs every stage and checks the contract. `explain` (the trace endpoints) never throws on a
 * broken contract, so the trace can show it: `enforce` counts as `report` there.
 */
export function tracingWatch(ctx: Pick<AppContext, 'config' | 'log'>, kind: FactsKind, explain = false): FactsWatch {
  const configured = ctx.config.factsContract ?? 'report'
  const mode = explain && configured === 'enforce' ? 'report' : configured
  return new FactsWatch({ contract: factsContract(kind), mode, trace: true, log: ctx.log })
}
