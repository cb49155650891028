export { findRelease, listReleases, seedReleases, toReleaseObject } from './release-repo.js'
export { releaseRoutes } from './release-routes.js'
export { serializeRelease } from './release-serializer.js'
