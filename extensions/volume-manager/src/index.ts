/**
 * `@nailgun/ext-volume-manager`: Nailgun's volume_manager extension.
 * @module
 */
export { VolumeManagerExtension } from './extension.js'
export { checkDiskSpace, diskSpaceShortfalls } from './layout/disk-space.js'
export { nodeSpaces } from './layout/node-spaces.js'
export type { DiskSpace, Layout, LayoutInput, VolumeGroupSpace } from './layout/types.js'
export { defaultLayout } from './layout/volume-layout.js'
export { SetImageCacheMaxSizePipeline } from './pipelines/image-cache-pipeline.js'
export { NodeVolumesPipeline } from './pipelines/node-volumes-pipeline.js'
