/**
 * How one node report of a provisioning or deployment response changes a node. Reports arrive at
 * least once and, with several API servers consuming, not always in order: a node never goes back
 * along provisioning → provisioned → deploying → ready (the casting code puts every node at the
 * start of that path), its progress never decreases within a status, and error/stopped are final.
 */
import type { NodeErrorType, NodeObject, NodeStatus } from '@nailgun/extensions'
import type { NodeFields } from '../../domain/node/index.js'
import type { NodeReport } from '../../orchestrator/types.js'

const RANK: Readonly<Record<NodeStatus, number>> = {
  discover: 0,
  removing: 0,
  provisioning: 1,
  provisioned: 2,
  deploying: 3,
  ready: 4,
  error: 5,
  stopped: 5,
}

const ERROR_TYPES: readonly string[] = ['deploy', 'provision', 'deletion', 'discover', 'stop_deployment']

function isStatus(value: unknown): value is NodeStatus {
  return typeof value === 'string' && Object.hasOwn(RANK, value)
}

export interface NodeChange {
  fields: NodeFields
  /** The node entered `error` with this report. */
  failed: boolean
}

/** The fields to write, or null when the report is stale or says nothing new. */
export function nodeChange(node: NodeObject, report: NodeReport, stage: NodeErrorType): NodeChange | null {
  const status = isStatus(report.status) ? report.status : node.status
  if (RANK[status] < RANK[node.status]) return null
  if (RANK[node.status] === 5 && status !== node.status) return null
  const reported = typeof report.progress === 'number' ? clamp(report.progress) : node.progress
  let progress = status === node.status ? Math.max(node.progress, reported) : reported
  if (status === 'error' || report.online === false) progress = 100
  const fields: NodeFields = { status, progress }
  if (typeof report.online === 'boolean') fields.online = report.online
  if (status === 'error' && node.status !== 'error') {
    fields.errorType = ERROR_TYPES.includes(report.error_type ?? '') ? (report.error_type as NodeErrorType) : stage
    fields.errorMsg = report.error_msg ?? 'Unknown error'
  }
  const same = status === node.status && progress === node.progress && (fields.online ?? node.online) === node.online
  return same ? null : { fields, failed: status === 'error' && node.status !== 'error' }
}

function clamp(progress: number): number {
  return Math.max(0, Math.min(100, Math.round(progress)))
}
