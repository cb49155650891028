/**
 * `@nailgun/server`: the public surface other packages (the test kit, the CLI) use.
 * @module
 */
export { createApp } from './app.js'
export type { App } from './app.js'
export { defaultConfig, ENV_NAMES, loadConfig } from './config.js'
export type { Config } from './config.js'
export { errorCodes, errors } from './errors.js'
