/** The JSON the API shows for a release (Nailgun's ReleaseSerializer fields). */
import type { JsonObject, ReleaseObject } from '@nailgun/extensions'

export function serializeRelease(release: ReleaseObject): JsonObject {
  return {
    id: release.id,
    name: release.name,
    version: release.version,
    description: release.description,
    operating_system: release.operatingSystem,
    state: release.state,
    is_deployable: release.isDeployable,
    modes: release.modes,
    roles: Object.keys(release.rolesMetadata),
    roles_metadata: release.rolesMetadata as unknown as JsonObject,
    attributes_metadata: release.attributesMetadata,
    volumes_metadata: release.volumesMetadata,
    networks_metadata: release.networksMetadata,
    extensions: release.extensions,
  }
}
