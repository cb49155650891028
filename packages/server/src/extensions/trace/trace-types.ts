/**
 * What a facts trace holds: one entry per pipeline method that ran, in order, with the JSON Patch
 * (RFC 6902) it applied to the facts and the contract rules it broke. Stored as is for real tasks
 * (linear in what the extensions changed); the blame is derived from the patches when read.
 * @module
 */
import type { ContractMode, ContractViolation, FactsKind } from '../../deployment/facts-contract/facts-contract.js'

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test'
  path: string
  value?: unknown
  from?: string
}

export interface TraceStage {
  /** Position in the run, from 0. */
  index: number
  stage: FactsKind
  extension: string
  version: string
  pipeline: string
  method: string
  calls: number
  durationMs: number
  /** The change to the facts; node entries' paths start with `/nodes/<index in the final facts>`. */
  patch: PatchOperation[]
  /** Rules of the facts contract this stage broke (absent when none). */
  contractViolations?: ContractViolation[]
}

export interface FactsTrace {
  kind: FactsKind
  contract: {
    mode: ContractMode
    /** Rules the generated facts broke before any extension ran. */
    coreViolations: ContractViolation[]
  }
  stages: TraceStage[]
  /** Time spent diffing and checking, on top of the stages' own time. */
  overheadMs: number
}

/** `extension@version`, or `core` for what no extension touched. */
export type Culprit = string
