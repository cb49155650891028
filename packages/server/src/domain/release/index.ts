export { releaseRoutes } from './release-routes.js'
export { findRelease, listReleases, seedReleases, toReleaseObject } from './release-repo.js'
export { serializeRelease } from './release-serializer.js'
