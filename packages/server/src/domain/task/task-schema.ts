/** Query schemas and parsers of the task and transaction routes. */
import type { TaskStatus } from '@nailgun/extensions'
import { type Static, Type } from 'typebox'
import { errors } from '../../errors.js'
import { PaginationQuery } from '../../http/pagination.js'

/** In Nailgun's order (`consts.TASK_STATUSES`), which its error messages list. */
export const TASK_STATUSES: readonly TaskStatus[] = ['ready', 'running', 'error', 'pending']

/** Nailgun's task names (`consts.TASK_NAMES`): what `transaction_types` may name. */
export const TASK_NAMES = [
  'super',
  'deploy',
  'deployment',
  'provision',
  'stop_deployment',
  'reset_environment',
  'update',
  'spawn_vms',
  'node_deletion',
  'cluster_deletion',
  'remove_images',
  'check_before_deployment',
  'check_networks',
  'verify_networks',
  'check_dhcp',
  'verify_network_connectivity',
  'multicast_verification',
  'check_repo_availability',
  'check_repo_availability_with_setup',
  'dump',
  'capacity_log',
  'create_stats_user',
  'remove_stats_user',
  'update_dnsmasq',
  'dry_run_deployment',
  'reset_nodes',
  'remove_keys',
  'remove_ironic_bootstrap',
] as const

/** A query parameter that may repeat (`?status=a&status=b`); each value may be comma-separated. */
const Repeatable = Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50 }))

export const TaskListQuery = Type.Object({
  ...PaginationQuery,
  cluster_id: Type.Optional(Type.String({ maxLength: 20 })),
  status: Repeatable,
})
export type TaskListQueryInput = Static<typeof TaskListQuery>

export const TransactionListQuery = Type.Object({
  ...PaginationQuery,
  cluster_id: Type.Optional(Type.String({ maxLength: 20 })),
  statuses: Repeatable,
  transaction_types: Repeatable,
})
export type TransactionListQueryInput = Static<typeof TransactionListQuery>

export const ForceQuery = Type.Object({ force: Type.Optional(Type.String({ maxLength: 10 })) })

/** Nailgun's `force` flag: anything but absent, empty or `0` means yes. */
export function isForced(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0'
}

/** The distinct values of a repeatable, comma-separated parameter; undefined when absent or empty. */
export function splitValues(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined
  const parts = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
  return parts.length === 0 ? undefined : [...new Set(parts)]
}

/** Statuses from the query, 400 naming the allowed ones when any is unknown. */
export function parseStatuses(values: readonly string[] | undefined, parameter: string): TaskStatus[] | undefined {
  const statuses = splitValues(values)
  if (statuses?.some((s) => !(TASK_STATUSES as readonly string[]).includes(s))) {
    throw errors.invalidData(`${parameter} parameter could only be one of: ${TASK_STATUSES.join(', ')}`)
  }
  return statuses as TaskStatus[] | undefined
}

export function parseTransactionTypes(values: readonly string[] | undefined): string[] | undefined {
  const types = splitValues(values)
  if (types?.some((t) => !(TASK_NAMES as readonly string[]).includes(t))) {
    throw errors.invalidData(`Transaction types parameter could only be one of: ${TASK_NAMES.join(', ')}`)
  }
  return types
}
