/**
 * Environment creation and update (Nailgun's `Cluster.create` / `ClusterValidator`). Creation is
 * one transaction: the row with its settings copied from the release and generated values, the
 * release's extensions that are installed, the default node group, then `onClusterCreate` and
 * `onNodegroupCreate` for that group. Any failure, an extension's included, leaves nothing behind.
 */
import type { ClusterObject, JsonObject, ReleaseObject } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.js'
import { isUniqueViolation } from '../../db/dialect.js'
import type { Database } from '../../db/schema.js'
import { errors } from '../../errors.js'
import { insertNodeGroup } from '../nodegroup/nodegroup-repo.js'
import { findRelease } from '../release/index.js'
import { releaseAttributes } from './attribute-generators.js'
import {
  clusterNameTaken,
  DEFAULT_UI_SETTINGS,
  findCluster,
  insertCluster,
  lockCluster,
  updateCluster,
} from './cluster-repo.js'
import type { ClusterCreateInput, ClusterUpdateInput } from './cluster-schema.js'

type Db = Kysely<Database>

/** The Fuel release this server implements (`/version`'s `release`), stamped on new environments. */
export const FUEL_VERSION = '10.0'

async function inTransaction<T>(ctx: AppContext, work: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await ctx.database.db.transaction().execute(work)
  } catch (error) {
    // A concurrent request took the name between our check and our write.
    throw isUniqueViolation(error) ? errors.clusterNameTaken() : error
  }
}

async function deployableRelease(db: Db, releaseId: number): Promise<ReleaseObject> {
  const release = await findRelease(db, releaseId)
  if (!release) throw errors.invalidRelease()
  if (!release.isDeployable) throw errors.releaseNotDeployable(String(releaseId))
  return release
}

function checkMode(mode: string, release: ReleaseObject): void {
  if (!release.modes.includes(mode)) {
    throw errors.invalidData(
      `Cannot deploy in ${mode} mode in current release. Need to be one of: ${release.modes.join(', ')}`,
    )
  }
}

/** The release's default extensions that are installed here; the others are reported, not kept. */
function defaultExtensions(ctx: AppContext, release: ReleaseObject): string[] {
  const installed = new Set(ctx.extensions.installedNames())
  const missing = release.extensions.filter((name) => !installed.has(name))
  if (missing.length > 0) {
    ctx.log.warn(
      { releaseId: release.id, missing },
      'The release names extensions that are not installed; new environments will not enable them',
    )
  }
  return release.extensions.filter((name) => installed.has(name))
}

export async function createCluster(ctx: AppContext, input: ClusterCreateInput): Promise<ClusterObject> {
  // Nailgun reads `release` first, then `release_id`; 0 and null count as absent.
  const releaseId = input.release || input.release_id
  if (!releaseId) throw errors.releaseRequired()
  return inTransaction(ctx, async (trx) => {
    const release = await deployableRelease(trx, releaseId)
    const mode = input.mode ?? 'ha_compact'
    checkMode(mode, release)
    if (await clusterNameTaken(trx, input.name)) throw errors.clusterNameTaken()
    const { editable, generated } = releaseAttributes(release.attributesMetadata)
    const netProvider = input.net_provider ?? 'neutron'
    const cluster = await insertCluster(trx, {
      name: input.name,
      mode,
      netProvider,
      releaseId,
      fuelVersion: FUEL_VERSION,
      attributes: editable,
      generatedAttributes: generated,
      extensions: defaultExtensions(ctx, release),
      uiSettings: (input.ui_settings as JsonObject | undefined) ?? DEFAULT_UI_SETTINGS,
    })
    const group = await insertNodeGroup(trx, { clusterId: cluster.id, name: 'default', isDefault: true })
    const data = eventData(input, {
      release_id: releaseId,
      mode,
      net_provider: netProvider,
      fuel_version: FUEL_VERSION,
    })
    await ctx.extensions.fire(trx, 'onClusterCreate', [cluster, data])
    await ctx.extensions.fire(trx, 'onNodegroupCreate', [group])
    // Handlers may have changed the environment through the objects API.
    return (await findCluster(trx, cluster.id)) as ClusterObject
  })
}

/** What `onClusterCreate` receives: the request as Nailgun's handler saw it, normalized. */
function eventData(input: ClusterCreateInput, normalized: JsonObject): JsonObject {
  const { nodes: _nodes, release: _release, ...rest } = input
  return { ...(rest as unknown as JsonObject), ...normalized }
}

/** `PUT /clusters/<id>`: name, mode and ui_settings change; the release and network provider cannot. */
export async function updateClusterFields(ctx: AppContext, id: number, input: ClusterUpdateInput) {
  return inTransaction(ctx, async (trx) => {
    const cluster = await lockCluster(trx, ctx.database.dialect, id)
    if (!cluster) throw errors.objectNotFound('Cluster')
    if (input.net_provider !== undefined && input.net_provider !== cluster.netProvider) {
      throw errors.invalidData("Changing 'net_provider' for environment is prohibited")
    }
    const releaseId = input.release || input.release_id
    if (releaseId && releaseId !== cluster.releaseId) {
      throw errors.invalidData("Changing 'release_id' for environment is prohibited")
    }
    if (input.mode !== undefined) checkMode(input.mode, (await findRelease(trx, cluster.releaseId)) as ReleaseObject)
    if (input.name !== undefined && (await clusterNameTaken(trx, input.name, id))) throw errors.clusterNameTaken()
    return updateCluster(trx, id, {
      name: input.name,
      mode: input.mode,
      uiSettings: input.ui_settings as JsonObject | undefined,
    })
  })
}
