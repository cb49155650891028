/**
 * The data sent to the orchestrator: provisioning and deployment facts. Keys are the wire format
 * the orchestrator (Astute) reads, so they stay snake_case.
 * @module
 */
import type { Json, JsonObject } from './objects.js'

/** One node's provisioning facts. */
export interface ProvisioningNodeFacts extends JsonObject {
  uid: string
  hostname: string
  fqdn: string
  profile: string
}

/** Provisioning facts: `{engine, nodes, fault_tolerance, pre_provision}`. */
export interface ProvisioningFacts {
  engine: JsonObject
  nodes: ProvisioningNodeFacts[]
  fault_tolerance: Array<{ uids: string[]; percentage: number }>
  pre_provision: JsonObject[]
  [key: string]: Json | undefined
}

/** One node's deployment facts (without the common part). */
export interface DeploymentNodeFacts extends JsonObject {
  uid: string
  roles: string[]
  fqdn: string
}

/** Deployment facts: data common to the environment, and one entry per node. */
export interface DeploymentFacts {
  common: JsonObject
  nodes: DeploymentNodeFacts[]
  /** Keys a pipeline sets at the top level are common to every node. */
  [key: string]: Json | undefined
}

/**
 * Facts as the seed-style pipeline methods see them for deployment: the legacy list of node
 * entries, each already merged with the common data.
 */
export type LegacyDeploymentFacts = JsonObject[]
