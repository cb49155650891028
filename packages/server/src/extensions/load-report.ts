/**
 * What happens to a broken extension: by default the first failure stops start-up (Nailgun only
 * logged and dropped it, leaving operators to wonder where a feature went); with
 * `skipBrokenExtensions` it is logged, kept out, and listed as failed by `GET /extensions`.
 * @module
 */
import { type BaseExtension, NailgunError } from '@nailgun/extensions'
import { messageOf } from './load-errors.js'
import type { HostLogger } from './logger.js'
import type { ExtensionOrigin, FailedExtension } from './types.js'

export class LoadReport {
  readonly failed: FailedExtension[] = []

  constructor(
    readonly skipBroken: boolean,
    private readonly log: HostLogger,
  ) {}

  /** Records the failure, or throws it when broken extensions are not skipped. */
  fail(origin: ExtensionOrigin, error: unknown, extension?: BaseExtension): void {
    if (!this.skipBroken) throw error
    const failure: FailedExtension = {
      origin,
      ...describeSelf(extension),
      error: messageOf(error),
      code: error instanceof NailgunError ? error.code : 'NG_ERR_EXTENSION_LOAD',
    }
    this.failed.push(failure)
    this.log.error({ package: origin.packageName, entry: origin.entry }, `Extension skipped: ${failure.error}`)
  }
}

/** Name, version and description, when the extension got far enough to have them. */
function describeSelf(extension: BaseExtension | undefined): Pick<FailedExtension, 'name' | 'version' | 'description'> {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  return { name: text(extension?.name), version: text(extension?.version), description: text(extension?.description) }
}
