/**
 * An environment's settings (`/clusters/<id>/attributes`): read, patch (PUT and PATCH both merge,
 * as in Nailgun) and the release defaults. A patch is checked whole before anything is written,
 * marks `attributes` as a pending change and fires `onClusterPatchAttributes`, in one transaction.
 */
import type { JsonObject } from '@nailgun/extensions'
import type { AppContext } from '../../context.js'
import { errors } from '../../errors.js'
import { findRelease } from '../release/index.js'
import { releaseAttributes } from './attribute-generators.js'
import { checkAttributesPatch, deepMerge } from './attributes-validation.js'
import { addPendingChange, findCluster, lockCluster, updateCluster } from './cluster-repo.js'
import type { AttributesInput } from './cluster-schema.js'

export async function readAttributes(ctx: AppContext, clusterId: number): Promise<{ editable: JsonObject }> {
  const cluster = await findCluster(ctx.database.db, clusterId)
  if (!cluster) throw errors.objectNotFound('Cluster')
  return { editable: cluster.attributes }
}

export async function patchAttributes(
  ctx: AppContext,
  clusterId: number,
  body: AttributesInput,
): Promise<{ editable: JsonObject }> {
  return ctx.database.db.transaction().execute(async (trx) => {
    // Locked: two concurrent patches must not each merge into the same old settings.
    const cluster = await lockCluster(trx, ctx.database.dialect, clusterId)
    if (!cluster) throw errors.objectNotFound('Cluster')
    const patch = checkAttributesPatch(body, cluster.attributes)
    const editable = deepMerge(cluster.attributes, patch)
    await addPendingChange(trx, clusterId, 'attributes')
    const updated = await updateCluster(trx, clusterId, { attributes: editable })
    // No public network assignment map yet (network management is an extension's business).
    await ctx.extensions.fire(trx, 'onClusterPatchAttributes', [updated, {}])
    return { editable }
  })
}

/** The release's settings as a new environment would get them (generators run afresh). */
export async function defaultAttributes(ctx: AppContext, clusterId: number): Promise<{ editable: JsonObject }> {
  const { db } = ctx.database
  const cluster = await findCluster(db, clusterId)
  if (!cluster) throw errors.objectNotFound('Cluster')
  const release = await findRelease(db, cluster.releaseId)
  return { editable: release ? releaseAttributes(release.attributesMetadata).editable : {} }
}
