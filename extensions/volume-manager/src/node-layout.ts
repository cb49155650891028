/**
 * From core objects to layout inputs: the node's disks, RAM and roles, and its environment's
 * release metadata and storage settings, read through the objects API.
 * @module
 */
import type { ClusterObject, NodeMeta, NodeObject, ObjectsApi, ReleaseObject } from '@nailgun/extensions'
import { nodeSpaces, parseVolumesMetadata } from './layout/node-spaces.js'
import type { AgentDisk, LayoutInput } from './layout/types.js'

/** The environment and release a node's layout depends on; both null for an unassigned node. */
export interface LayoutSource {
  cluster: ClusterObject | null
  release: ReleaseObject | null
}

export const UNASSIGNED: LayoutSource = Object.freeze({ cluster: null, release: null })

export async function loadLayoutSource(node: NodeObject, objects: ObjectsApi): Promise<LayoutSource> {
  if (node.clusterId === null) return UNASSIGNED
  const cluster = await objects.clusters.get(node.clusterId)
  if (!cluster) throw new Error(`environment ${node.clusterId} does not exist`)
  const release = await objects.releases.get(cluster.releaseId)
  if (!release) throw new Error(`release ${cluster.releaseId} of environment ${cluster.id} does not exist`)
  return { cluster, release }
}

/** Everything the default layout of `node` depends on. Throws when the release metadata is unusable. */
export function layoutInput(node: NodeObject, source: LayoutSource): LayoutInput {
  const disks = agentDisks(node.meta)
  const metadata = source.release ? parseVolumesMetadata(source.release.volumesMetadata) : null
  const roles = [...node.roles, ...node.pendingRoles]
  return {
    disks,
    ramBytes: Number(node.meta.memory?.total ?? 0),
    spaces: nodeSpaces({ metadata, roles, diskCount: disks.length, imagesCeph: imagesCeph(source.cluster) }),
  }
}

/** The disks the agent reported, ignoring malformed entries rather than failing the whole node. */
export function agentDisks(meta: NodeMeta): AgentDisk[] {
  return (meta.disks ?? []).filter(
    (d): d is AgentDisk => typeof d?.name === 'string' && typeof d.size === 'number' && d.size >= 0,
  )
}

/** True when Glance stores images in Ceph (the storage setting `images_ceph`). */
export function imagesCeph(cluster: ClusterObject | null): boolean {
  if (!cluster) return false
  // Accept the editable attributes on their own or wrapped as Nailgun stores them (`{editable: ...}`).
  const storage = pick(pick(cluster.attributes, 'editable'), 'storage') ?? pick(cluster.attributes, 'storage')
  const setting = pick(storage, 'images_ceph')
  return Boolean(typeof setting === 'object' && setting !== null ? pick(setting, 'value') : setting)
}

function pick(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
}

/** How Nailgun names a node in messages. */
export function humanName(node: NodeObject): string {
  return node.name || node.mac
}
