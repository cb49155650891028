/**
 * `@nailgun/server`: the public surface other packages (the test kit, the CLI) use.
 * @module
 */

export type { App, CreateAppOptions } from './app.js'
export { createApp } from './app.js'
export type { Config } from './config.js'
export { defaultConfig, ENV_NAMES, loadConfig } from './config.js'
export { errorCodes, errors } from './errors.js'
export type { ExtensionHost } from './extensions/extension-host.js'
export type { PipelineRunOptions, PipelineStageRecord } from './extensions/pipeline-runner.js'
export type { ExtensionSource, ExtensionStatus } from './extensions/types.js'
