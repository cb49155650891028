/**
 * How results are printed: tables for people (cli-table3, fuelclient's columns), `--json` and
 * `--yaml` for scripts (the API's objects unchanged).
 */
import Table from 'cli-table3'
import { stringify } from 'yaml'
import type { Json } from './api-client.js'
import { type ClientIo, usageError, writeLine } from './io.js'

export interface FormatOptions {
  json?: boolean
  yaml?: boolean
}

export type Column = string | [header: string, value: (row: Json) => unknown]

function cell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(cell).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Machine output when asked for; returns false when a table should be printed instead. */
export function printData(io: ClientIo, options: FormatOptions, data: unknown): boolean {
  if (options.json && options.yaml) throw usageError('--json and --yaml cannot be combined')
  if (options.json) {
    writeLine(io.out, JSON.stringify(data, null, 2))
    return true
  }
  if (options.yaml) {
    io.out.write(stringify(data ?? null))
    return true
  }
  return false
}

/** Compact tables, as fuelclient's: no rule between rows. */
const CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' }

function tableOf(head: string[]): Table.Table {
  return new Table({ head, chars: CHARS, style: { head: [], border: [] } })
}

const headerOf = (c: Column) => (typeof c === 'string' ? c : c[0])
const columnValue = (c: Column, row: Json) => (typeof c === 'string' ? row[c] : c[1](row))

export function printList(io: ClientIo, options: FormatOptions, rows: Json[], columns: Column[]): void {
  if (printData(io, options, rows)) return
  const table = tableOf(columns.map(headerOf))
  for (const row of rows) table.push(columns.map((c) => cell(columnValue(c, row))))
  writeLine(io.out, table.toString())
}

/** One object as a field | value table; `fields` picks and orders the fields (all when omitted). */
export function printObject(io: ClientIo, options: FormatOptions, object: Json, fields?: Column[]): void {
  if (printData(io, options, object)) return
  const table = tableOf(['Field', 'Value'])
  for (const field of fields ?? Object.keys(object)) table.push([headerOf(field), cell(columnValue(field, object))])
  writeLine(io.out, table.toString())
}

export const ENV_COLUMNS: Column[] = ['id', 'status', 'name', 'release_id']
export const ENV_FIELDS: Column[] = [
  'id',
  'name',
  'status',
  'mode',
  'net_provider',
  'release_id',
  'fuel_version',
  'is_customized',
  ['changes', (env) => (env.changes ?? []).map((c: Json) => (c.node_id ? `${c.name} (node ${c.node_id})` : c.name))],
]
export const NODE_COLUMNS: Column[] = [
  'id',
  'name',
  'status',
  'os_platform',
  'roles',
  'pending_roles',
  'ip',
  'mac',
  'cluster',
  'platform_name',
  'online',
]
export const TASK_COLUMNS: Column[] = ['id', 'status', 'name', 'cluster', 'progress', 'message']
export const RELEASE_COLUMNS: Column[] = ['id', 'name', 'state', 'operating_system', 'version']
export const EXTENSION_COLUMNS: Column[] = ['name', 'version', 'description', 'provides', 'status']
