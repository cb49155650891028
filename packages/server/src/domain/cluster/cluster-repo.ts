/** Environment (cluster) rows. */
import type { ClusterObject, JsonObject } from '@nailgun/extensions'
import type { Kysely, Selectable } from 'kysely'
import { type DialectName, forUpdate, fromJson, toJson } from '../../db/dialect.js'
import type { ClusterTable, Database } from '../../db/schema.js'

type Db = Kysely<Database>

/** What the API shows of an environment beyond the SDK's ClusterObject. */
export interface ClusterExtras {
  uiSettings: JsonObject
  /** Names of the pending changes (`attributes`, `networks`, ...). */
  pendingChanges: string[]
}

/** Nailgun's default `ui_settings` (the node list's view of a new environment). */
export const DEFAULT_UI_SETTINGS: JsonObject = Object.freeze({
  view_mode: 'standard',
  filter: {},
  sort: [{ roles: 'asc' }],
  filter_by_labels: {},
  sort_by_labels: [],
  search: '',
}) as JsonObject

/**
 * The extras of every ClusterObject read from a row. The SDK's `serialize(cluster)` is
 * synchronous and ClusterObject has no room for them, so they travel beside the object; an
 * object built elsewhere serializes with the defaults.
 */
const extrasOf = new WeakMap<ClusterObject, ClusterExtras>()

export function clusterExtras(cluster: ClusterObject): ClusterExtras {
  return extrasOf.get(cluster) ?? { uiSettings: DEFAULT_UI_SETTINGS, pendingChanges: [] }
}

export function toClusterObject(row: Selectable<ClusterTable>): ClusterObject {
  const cluster = toBareClusterObject(row)
  extrasOf.set(cluster, {
    uiSettings: fromJson(row.ui_settings, DEFAULT_UI_SETTINGS),
    pendingChanges: fromJson(row.pending_changes, []),
  })
  return cluster
}

function toBareClusterObject(row: Selectable<ClusterTable>): ClusterObject {
  return {
    id: row.id,
    name: row.name,
    mode: row.mode as ClusterObject['mode'],
    status: row.status as ClusterObject['status'],
    netProvider: row.net_provider,
    releaseId: row.release_id,
    fuelVersion: row.fuel_version,
    isCustomized: Boolean(row.is_customized),
    extensions: fromJson(row.extensions, []),
    attributes: fromJson(row.attributes, {}),
    replacedDeploymentInfo: fromJson(row.replaced_deployment_info, {}),
    replacedProvisioningInfo: fromJson(row.replaced_provisioning_info, {}),
  }
}

export async function findCluster(db: Db, id: number): Promise<ClusterObject | undefined> {
  const row = await db.selectFrom('clusters').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toClusterObject(row)
}

/** Reads the environment and locks its row until the transaction ends (serializes concurrent deploys/deletes). */
export async function lockCluster(db: Db, dialect: DialectName, id: number): Promise<ClusterObject | undefined> {
  const row = await forUpdate(dialect, db.selectFrom('clusters').selectAll().where('id', '=', id)).executeTakeFirst()
  return row && toClusterObject(row)
}

/** True when another environment already has this name. */
export async function clusterNameTaken(db: Db, name: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom('clusters').select('id').where('name', '=', name)
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
  return (await query.executeTakeFirst()) !== undefined
}

export interface NewCluster {
  name: string
  mode: string
  netProvider: string
  releaseId: number
  fuelVersion: string
  attributes: JsonObject
  generatedAttributes: JsonObject
  extensions: string[]
  uiSettings: JsonObject
}

export async function insertCluster(db: Db, input: NewCluster): Promise<ClusterObject> {
  const row = await db
    .insertInto('clusters')
    .values({
      name: input.name,
      mode: input.mode,
      status: 'new',
      net_provider: input.netProvider,
      release_id: input.releaseId,
      fuel_version: input.fuelVersion,
      ui_settings: toJson(input.uiSettings),
      attributes: toJson(input.attributes),
      generated_attributes: toJson(input.generatedAttributes),
      replaced_deployment_info: toJson({}),
      replaced_provisioning_info: toJson({}),
      is_customized: false,
      extensions: toJson(input.extensions),
      pending_changes: toJson(['attributes', 'networks']),
      created_at: new Date().toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toClusterObject(row)
}

/** Fields of an environment that can change after creation. */
export interface ClusterUpdate {
  name?: string
  mode?: ClusterObject['mode']
  uiSettings?: JsonObject
  status?: ClusterObject['status']
  attributes?: JsonObject
  extensions?: string[]
  isCustomized?: boolean
  replacedDeploymentInfo?: JsonObject
  replacedProvisioningInfo?: JsonObject
  pendingChanges?: string[]
}

export async function updateCluster(db: Db, id: number, update: ClusterUpdate): Promise<ClusterObject> {
  const values: Partial<Record<keyof ClusterTable, unknown>> = {}
  if (update.name !== undefined) values.name = update.name
  if (update.mode !== undefined) values.mode = update.mode
  if (update.uiSettings !== undefined) values.ui_settings = toJson(update.uiSettings)
  if (update.status !== undefined) values.status = update.status
  if (update.attributes !== undefined) values.attributes = toJson(update.attributes)
  if (update.extensions !== undefined) values.extensions = toJson(update.extensions)
  if (update.isCustomized !== undefined) values.is_customized = update.isCustomized
  if (update.replacedDeploymentInfo !== undefined)
    values.replaced_deployment_info = toJson(update.replacedDeploymentInfo)
  if (update.replacedProvisioningInfo !== undefined) {
    values.replaced_provisioning_info = toJson(update.replacedProvisioningInfo)
  }
  if (update.pendingChanges !== undefined) values.pending_changes = toJson(update.pendingChanges)
  if (Object.keys(values).length === 0) {
    const current = await findCluster(db, id)
    if (!current) throw new Error(`cluster ${id} vanished`)
    return current
  }
  const row = await db
    .updateTable('clusters')
    .set(values as never)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
  return toClusterObject(row)
}

export async function readPendingChanges(db: Db, id: number): Promise<string[]> {
  const row = await db.selectFrom('clusters').select('pending_changes').where('id', '=', id).executeTakeFirst()
  return fromJson(row?.pending_changes, [])
}

/** Adds a pending change (`attributes`, `networks`...) once, in the caller's transaction. */
export async function addPendingChange(db: Db, id: number, name: string): Promise<string[]> {
  const current = await readPendingChanges(db, id)
  if (current.includes(name)) return current
  const next = [...current, name]
  await db
    .updateTable('clusters')
    .set({ pending_changes: toJson(next) })
    .where('id', '=', id)
    .execute()
  return next
}

/** The generated attributes (database passwords, tokens), generated once at creation. */
export async function readGeneratedAttributes(db: Db, id: number): Promise<JsonObject> {
  const row = await db.selectFrom('clusters').select('generated_attributes').where('id', '=', id).executeTakeFirst()
  return fromJson(row?.generated_attributes, {})
}

export async function deleteClusterRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('clusters').where('id', '=', id).execute()
}
