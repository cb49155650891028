/**
 * The registry of every coded error the core raises (`NG_ERR_*`), each on one of the SDK's semantic
 * base classes so extensions and core map to HTTP identically. Messages match Nailgun's where
 * clients depend on them.
 */
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NailgunError,
  NotAllowedError,
  NotFoundError,
  UnavailableError,
} from '@nailgun/extensions'

type Details = { errors?: unknown[]; cause?: unknown }

const input = (code: string) => (message: string, details?: Details) => new InputError(code, message, details)
const notFound = (code: string) => (message: string, details?: Details) => new NotFoundError(code, message, details)
const conflict = (code: string) => (message: string, details?: Details) => new ConflictError(code, message, details)
const notAllowed = (code: string) => (message: string, details?: Details) => new NotAllowedError(code, message, details)

export const errors = {
  // Request shape
  invalidJson: () => new InputError('NG_ERR_INVALID_JSON', 'Invalid json received'),
  emptyRequest: () => new InputError('NG_ERR_EMPTY_REQUEST', 'Empty request received'),
  validation: input('NG_ERR_VALIDATION'),
  invalidData: input('NG_ERR_INVALID_DATA'),
  invalidIdsList: () => new InputError('NG_ERR_INVALID_IDS', 'Comma-separated numbers list expected'),
  bodyTooLarge: (limit: number) =>
    new NailgunError('NG_ERR_BODY_TOO_LARGE', `Request body is larger than ${limit} bytes`, 413),
  unsupportedMediaType: (message: string) => new NailgunError('NG_ERR_UNSUPPORTED_MEDIA_TYPE', message, 415),
  notAcceptable: (message: string) => new NailgunError('NG_ERR_NOT_ACCEPTABLE', message, 415),
  rangeNotSatisfiable: (message: string) => new NailgunError('NG_ERR_RANGE_NOT_SATISFIABLE', message, 416),
  methodNotAllowed: (method: string) =>
    new NailgunError('NG_ERR_METHOD_NOT_ALLOWED', `Method ${method} is not allowed here`, 405),
  routeNotFound: (url: string) => new NotFoundError('NG_ERR_ROUTE_NOT_FOUND', `No route for ${url}`),

  // Auth
  unauthorized: (message = 'Authentication required') => new AuthenticationError('NG_ERR_UNAUTHORIZED', message),
  forbidden: () => new NotAllowedError('NG_ERR_FORBIDDEN', 'You do not have the administrator rights'),

  // Objects
  objectNotFound: (objectName: string) => new NotFoundError('NG_ERR_NOT_FOUND', `${objectName} not found`),
  objectsNotFound: notFound('NG_ERR_NOT_FOUND'),
  invalidRelease: () => new InputError('NG_ERR_INVALID_RELEASE', 'Invalid release ID'),
  releaseRequired: () => new InputError('NG_ERR_RELEASE_REQUIRED', 'Release ID is required'),
  releaseNotDeployable: (name: string) =>
    new NotAllowedError('NG_ERR_RELEASE_NOT_DEPLOYABLE', `Release with ID '${name}' is not deployable.`),
  clusterNameTaken: () => new ConflictError('NG_ERR_CLUSTER_EXISTS', 'Environment with this name already exists'),
  releaseExists: conflict('NG_ERR_RELEASE_EXISTS'),
  nodeNotDiscover: () =>
    new NotAllowedError('NG_ERR_NODE_NOT_DISCOVER', 'Only bootstrap nodes are allowed to be registered.'),
  nodeMacMissing: () => new InputError('NG_ERR_NODE_NO_MAC', 'No mac address specified'),
  nodeExists: conflict('NG_ERR_NODE_EXISTS'),
  nodeIdentifierMissing: () => new InputError('NG_ERR_NODE_NO_ID', 'Neither MAC nor ID is specified'),
  invalidRoles: input('NG_ERR_INVALID_ROLES'),
  invalidNodes: input('NG_ERR_INVALID_NODES'),
  nodeNotInCluster: input('NG_ERR_NODE_NOT_IN_CLUSTER'),
  nodegroupConflict: conflict('NG_ERR_NODEGROUP_CONFLICT'),
  cannotDeleteDefaultGroup: () => new InputError('NG_ERR_NODEGROUP_DEFAULT', 'Default node group cannot be deleted'),
  notAllowed: notAllowed('NG_ERR_NOT_ALLOWED'),

  // Tasks
  deploymentAlreadyStarted: () =>
    new InputError(
      'NG_ERR_DEPLOYMENT_ALREADY_STARTED',
      'Cannot perform the actions because there are another running tasks.',
    ),
  taskRunning: input('NG_ERR_TASK_RUNNING'),
  taskConflict: conflict('NG_ERR_TASK_CONFLICT'),
  noChanges: input('NG_ERR_NO_CHANGES'),
  wrongNodeStatus: input('NG_ERR_WRONG_NODE_STATUS'),
  deploymentNotRunning: input('NG_ERR_DEPLOYMENT_NOT_RUNNING'),

  // Extensions
  noSuchExtensions: (names: string[]) =>
    new InputError('NG_ERR_NO_SUCH_EXTENSIONS', `No such extensions: ${[...names].sort().join(', ')}`),
  noSuchExtensionsToDisable: (names: string[]) =>
    new InputError(
      'NG_ERR_NO_SUCH_EXTENSIONS_TO_DISABLE',
      `No such extensions to disable: ${[...names].sort().join(', ')}`,
    ),
  extensionLoad: (message: string, details?: Details) =>
    new NailgunError('NG_ERR_EXTENSION_LOAD', message, 500, details),
  extensionMigration: (message: string, details?: Details) =>
    new NailgunError('NG_ERR_EXTENSION_MIGRATION', message, 500, details),
  extensionNotFound: notFound('NG_ERR_EXTENSION_NOT_FOUND'),

  // Infrastructure
  unavailable: (message: string) => new UnavailableError('NG_ERR_UNAVAILABLE', message),
  config: (message: string) => new InputError('NG_ERR_CONFIG', message),
} as const

/** Every error code the core can raise, for documentation and tests. */
export const errorCodes = Object.freeze(
  Object.values(errors).map((make) => {
    try {
      return (make as (...args: unknown[]) => NailgunError)('x', 'x').code
    } catch {
      return 'unknown'
    }
  }),
)
