/**
 * The facts contract: JSON Schemas of what the orchestrator needs in the provisioning and the
 * deployment facts, compiled once per process. Checked in two parts, the environment part (every
 * key but `nodes`) and one node entry, so that after a pipeline stage only what it may have
 * changed is validated again (with 10,000 nodes, a per-cluster method costs one small check).
 * @module
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { deploymentEnvSchema, deploymentNodeSchema } from './deployment-schema.js'
import { provisioningEnvSchema, provisioningNodeSchema } from './provisioning-schema.js'

export type ContractMode = 'off' | 'report' | 'enforce'
export const CONTRACT_MODES: readonly ContractMode[] = ['off', 'report', 'enforce']

export type FactsKind = 'provisioning' | 'deployment'

/** One broken rule: a JSON pointer into the facts and what is wrong there. */
export interface ContractViolation {
  path: string
  message: string
}

export interface FactsContract {
  kind: FactsKind
  /** The environment part: the facts without `nodes`. */
  checkEnvironment(environment: unknown): ContractViolation[]
  /** `nodes[index]`; the paths start with `/nodes/<index>`. */
  checkNode(node: unknown, index: number): ContractViolation[]
}

export const CONTRACT_SCHEMAS = {
  provisioning: { environment: provisioningEnvSchema, node: provisioningNodeSchema },
  deployment: { environment: deploymentEnvSchema, node: deploymentNodeSchema },
} as const

const compiled = new Map<FactsKind, FactsContract>()

/** The contract of one kind of facts (compiled on first use, then shared). */
export function factsContract(kind: FactsKind): FactsContract {
  let contract = compiled.get(kind)
  if (!contract) {
    contract = compile(kind)
    compiled.set(kind, contract)
  }
  return contract
}

function compile(kind: FactsKind): FactsContract {
  const ajv = new Ajv({ allErrors: true, strict: false })
  const environment = ajv.compile(CONTRACT_SCHEMAS[kind].environment)
  const node = ajv.compile(CONTRACT_SCHEMAS[kind].node)
  return {
    kind,
    checkEnvironment: (value) => run(environment, value, ''),
    checkNode: (value, index) => run(node, value, `/nodes/${index}`),
  }
}

function run(validate: ValidateFunction, value: unknown, prefix: string): ContractViolation[] {
  if (validate(value)) return []
  return (validate.errors ?? []).map((error) => violation(error, prefix))
}

/** A missing property is reported at its own path, not at its parent's. */
function violation(error: ErrorObject, prefix: string): ContractViolation {
  const missing = error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : null
  const path = `${prefix}${error.instancePath}${missing === null ? '' : `/${escapeSegment(missing)}`}`
  return { path, message: error.message ?? error.keyword }
}

function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1')
}
