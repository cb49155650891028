/**
 * Finds, loads and validates the installed extensions before the server serves anything.
 */
import type { BaseExtension } from '@nailgun/extensions'
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config.js'

export interface FailedExtension {
  packageName: string
  entry: string
  error: string
}

export interface LoadedExtensions {
  extensions: BaseExtension[]
  failed: FailedExtension[]
}

export async function loadExtensions(_config: Config, _log: FastifyBaseLogger): Promise<LoadedExtensions> {
  return { extensions: [], failed: [] }
}
