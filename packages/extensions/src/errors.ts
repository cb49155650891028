/**
 * Error classes shared by the host and extensions. Throw one of these from an event handler,
 * a pipeline or a REST handler and the host answers with its status and Nailgun's
 * `{"message", "errors"}` body.
 *
 * @example
 * ```ts
 * import { InputError } from '@nailgun/extensions'
 * throw new InputError('NG_EXT_VOLUMES_TOO_SMALL', 'Volume "os" needs at least 10 GB')
 * ```
 * @module
 */

/** Base class of every coded Nailgun error. `status` is the HTTP status it maps to. */
export class NailgunError extends Error {
  readonly code: string
  readonly status: number
  /** Structured details, sent as the `errors` array of the response body. */
  readonly errors: unknown[]

  constructor(code: string, message: string, status: number, options?: { cause?: unknown; errors?: unknown[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.status = status
    this.errors = options?.errors ?? []
  }
}

/** 400: the request is malformed or breaks a rule. */
export class InputError extends NailgunError {
  constructor(code: string, message: string, options?: { cause?: unknown; errors?: unknown[] }) {
    super(code, message, 400, options)
  }
}

/** 401: no valid credentials. */
export class AuthenticationError extends NailgunError {
  constructor(code: string, message: string, options?: { cause?: unknown; errors?: unknown[] }) {
    super(code, message, 401, options)
  }
}

/** 403: the caller may not do this, or the object is in a state that forbids it. */
export class NotAllowedError extends NailgunError {
  constructor(code: string, message: string, options?: { cause?: unknown; errors?: unknown[] }) {
    super(code, message, 403, options)
  }
}

/** 404: the object does not exist. */
export class NotFoundError extends NailgunError {
  constructor(code: string, message: string, options?: { cause?: unknown; errors?: unknown[] }) {
    super(code, message, 404, options)
  }
}

/** 409: the request conflicts with existing state (duplicate name, MAC, running task). */
export class ConflictError extends NailgunError {
  constructor(code: string, message: string, options?: { cause?: unknown; errors?: unknown[] }) {
    super(code, message, 409, options)
  }
}

/** 503: a dependency (database, broker) is not available. */
export class UnavailableError extends NailgunError {
  constructor(code: string, message: string, options?: { cause?: unknown; errors?: unknown[] }) {
    super(code, message, 503, options)
  }
}

/**
 * Thrown by the host when an extension's code failed: names the extension and where it failed.
 * The status is the one of the extension's own error when it threw a {@link NailgunError},
 * else 500.
 */
export class ExtensionError extends NailgunError {
  readonly extension: string
  readonly stage: string

  constructor(extension: string, stage: string, cause: unknown) {
    const inner = cause instanceof Error ? cause.message : String(cause)
    const status = cause instanceof NailgunError ? cause.status : 500
    super('NG_ERR_EXTENSION_FAILED', `Extension '${extension}' failed in ${stage}: ${inner}`, status, {
      cause,
      errors: [{ extension, stage, ...(cause instanceof NailgunError ? { code: cause.code } : {}) }],
    })
    this.extension = extension
    this.stage = stage
  }
}
