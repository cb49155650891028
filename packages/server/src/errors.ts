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

/** Every code the core raises. Tests assert codes, never message texts. */
export const CODES = Object.freeze({
  BODY_TOO_LARGE: 'NG_ERR_BODY_TOO_LARGE',
  CLUSTER_EXISTS: 'NG_ERR_CLUSTER_EXISTS',
  CONFIG: 'NG_ERR_CONFIG',
  DEPLOYMENT_ALREADY_STARTED: 'NG_ERR_DEPLOYMENT_ALREADY_STARTED',
  DEPLOYMENT_NOT_RUNNING: 'NG_ERR_DEPLOYMENT_NOT_RUNNING',
  EMPTY_REQUEST: 'NG_ERR_EMPTY_REQUEST',
  EXTENSION_LOAD: 'NG_ERR_EXTENSION_LOAD',
  EXTENSION_MIGRATION: 'NG_ERR_EXTENSION_MIGRATION',
  EXTENSION_NOT_FOUND: 'NG_ERR_EXTENSION_NOT_FOUND',
  EXTENSION_TIMEOUT: 'NG_ERR_EXTENSION_TIMEOUT',
  FACTS_CONTRACT: 'NG_ERR_FACTS_CONTRACT',
  FORBIDDEN: 'NG_ERR_FORBIDDEN',
  INVALID_DATA: 'NG_ERR_INVALID_DATA',
  INVALID_IDS: 'NG_ERR_INVALID_IDS',
  INVALID_JSON: 'NG_ERR_INVALID_JSON',
  INVALID_NODES: 'NG_ERR_INVALID_NODES',
  INVALID_RELEASE: 'NG_ERR_INVALID_RELEASE',
  INVALID_ROLE: 'NG_ERR_INVALID_ROLE',
  INVALID_ROLES: 'NG_ERR_INVALID_ROLES',
  INVALID_USER_NAME: 'NG_ERR_INVALID_USER_NAME',
  LAST_ADMIN: 'NG_ERR_LAST_ADMIN',
  METHOD_NOT_ALLOWED: 'NG_ERR_METHOD_NOT_ALLOWED',
  NODEGROUP_CONFLICT: 'NG_ERR_NODEGROUP_CONFLICT',
  NODEGROUP_DEFAULT: 'NG_ERR_NODEGROUP_DEFAULT',
  NODE_EXISTS: 'NG_ERR_NODE_EXISTS',
  NODE_NOT_DISCOVER: 'NG_ERR_NODE_NOT_DISCOVER',
  NODE_NOT_IN_CLUSTER: 'NG_ERR_NODE_NOT_IN_CLUSTER',
  NODE_NO_ID: 'NG_ERR_NODE_NO_ID',
  NODE_NO_MAC: 'NG_ERR_NODE_NO_MAC',
  NOT_ACCEPTABLE: 'NG_ERR_NOT_ACCEPTABLE',
  NOT_ALLOWED: 'NG_ERR_NOT_ALLOWED',
  NOT_FOUND: 'NG_ERR_NOT_FOUND',
  NO_CHANGES: 'NG_ERR_NO_CHANGES',
  NO_SUCH_EXTENSIONS: 'NG_ERR_NO_SUCH_EXTENSIONS',
  NO_SUCH_EXTENSIONS_TO_DISABLE: 'NG_ERR_NO_SUCH_EXTENSIONS_TO_DISABLE',
  RANGE_NOT_SATISFIABLE: 'NG_ERR_RANGE_NOT_SATISFIABLE',
  RELEASE_EXISTS: 'NG_ERR_RELEASE_EXISTS',
  RELEASE_NOT_DEPLOYABLE: 'NG_ERR_RELEASE_NOT_DEPLOYABLE',
  RELEASE_REQUIRED: 'NG_ERR_RELEASE_REQUIRED',
  ROUTE_NOT_FOUND: 'NG_ERR_ROUTE_NOT_FOUND',
  TASK_CONFLICT: 'NG_ERR_TASK_CONFLICT',
  TASK_RUNNING: 'NG_ERR_TASK_RUNNING',
  UNAUTHORIZED: 'NG_ERR_UNAUTHORIZED',
  UNAVAILABLE: 'NG_ERR_UNAVAILABLE',
  UNSUPPORTED_MEDIA_TYPE: 'NG_ERR_UNSUPPORTED_MEDIA_TYPE',
  USER_EXISTS: 'NG_ERR_USER_EXISTS',
  VALIDATION: 'NG_ERR_VALIDATION',
  WEAK_PASSWORD: 'NG_ERR_WEAK_PASSWORD',
  WRONG_NODE_STATUS: 'NG_ERR_WRONG_NODE_STATUS',
} as const)

const input = (code: string) => (message: string, details?: Details) => new InputError(code, message, details)
const notFound = (code: string) => (message: string, details?: Details) => new NotFoundError(code, message, details)
const conflict = (code: string) => (message: string, details?: Details) => new ConflictError(code, message, details)
const notAllowed = (code: string) => (message: string, details?: Details) => new NotAllowedError(code, message, details)

export const errors = {
  // Request shape
  invalidJson: () => new InputError(CODES.INVALID_JSON, 'Invalid json received'),
  emptyRequest: () => new InputError(CODES.EMPTY_REQUEST, 'Empty request received'),
  validation: input(CODES.VALIDATION),
  invalidData: input(CODES.INVALID_DATA),
  invalidIdsList: () => new InputError(CODES.INVALID_IDS, 'Comma-separated numbers list expected'),
  bodyTooLarge: (limit: number) =>
    new NailgunError(CODES.BODY_TOO_LARGE, `Request body is larger than ${limit} bytes`, 413),
  unsupportedMediaType: (message: string) => new NailgunError(CODES.UNSUPPORTED_MEDIA_TYPE, message, 415),
  notAcceptable: (message: string) => new NailgunError(CODES.NOT_ACCEPTABLE, message, 415),
  rangeNotSatisfiable: (message: string) => new NailgunError(CODES.RANGE_NOT_SATISFIABLE, message, 416),
  methodNotAllowed: (method: string) =>
    new NailgunError(CODES.METHOD_NOT_ALLOWED, `Method ${method} is not allowed here`, 405),
  routeNotFound: (url: string) => new NotFoundError(CODES.ROUTE_NOT_FOUND, `No route for ${url}`),

  // Auth
  unauthorized: (message = 'Authentication required') => new AuthenticationError(CODES.UNAUTHORIZED, message),
  forbidden: () => new NotAllowedError(CODES.FORBIDDEN, 'You do not have the administrator rights'),

  // Objects
  objectNotFound: (objectName: string) => new NotFoundError(CODES.NOT_FOUND, `${objectName} not found`),
  objectsNotFound: notFound(CODES.NOT_FOUND),
  invalidRelease: () => new InputError(CODES.INVALID_RELEASE, 'Invalid release ID'),
  releaseRequired: () => new InputError(CODES.RELEASE_REQUIRED, 'Release ID is required'),
  releaseNotDeployable: (name: string) =>
    new NotAllowedError(CODES.RELEASE_NOT_DEPLOYABLE, `Release with ID '${name}' is not deployable.`),
  clusterNameTaken: () => new ConflictError(CODES.CLUSTER_EXISTS, 'Environment with this name already exists'),
  releaseExists: conflict(CODES.RELEASE_EXISTS),
  nodeNotDiscover: () =>
    new NotAllowedError(CODES.NODE_NOT_DISCOVER, 'Only bootstrap nodes are allowed to be registered.'),
  nodeMacMissing: () => new InputError(CODES.NODE_NO_MAC, 'No mac address specified'),
  nodeExists: conflict(CODES.NODE_EXISTS),
  nodeIdentifierMissing: () => new InputError(CODES.NODE_NO_ID, 'Neither MAC nor ID is specified'),
  invalidRoles: input(CODES.INVALID_ROLES),
  invalidNodes: input(CODES.INVALID_NODES),
  nodeNotInCluster: input(CODES.NODE_NOT_IN_CLUSTER),
  nodegroupConflict: conflict(CODES.NODEGROUP_CONFLICT),
  cannotDeleteDefaultGroup: () => new InputError(CODES.NODEGROUP_DEFAULT, 'Default node group cannot be deleted'),
  notAllowed: notAllowed(CODES.NOT_ALLOWED),

  // Tasks
  deploymentAlreadyStarted: () =>
    new InputError(
      CODES.DEPLOYMENT_ALREADY_STARTED,
      'Cannot perform the actions because there are another running tasks.',
    ),
  taskRunning: input(CODES.TASK_RUNNING),
  taskConflict: conflict(CODES.TASK_CONFLICT),
  noChanges: input(CODES.NO_CHANGES),
  wrongNodeStatus: input(CODES.WRONG_NODE_STATUS),
  deploymentNotRunning: input(CODES.DEPLOYMENT_NOT_RUNNING),

  // Extensions
  noSuchExtensions: (names: string[]) =>
    new InputError(CODES.NO_SUCH_EXTENSIONS, `No such extensions: ${[...names].sort().join(', ')}`),
  noSuchExtensionsToDisable: (names: string[]) =>
    new InputError(
      CODES.NO_SUCH_EXTENSIONS_TO_DISABLE,
      `No such extensions to disable: ${[...names].sort().join(', ')}`,
    ),
  extensionLoad: (message: string, details?: Details) => new NailgunError(CODES.EXTENSION_LOAD, message, 500, details),
  extensionMigration: (message: string, details?: Details) =>
    new NailgunError(CODES.EXTENSION_MIGRATION, message, 500, details),
  extensionNotFound: notFound(CODES.EXTENSION_NOT_FOUND),
  extensionTimeout: (message: string) => new NailgunError(CODES.EXTENSION_TIMEOUT, message, 504),
  /** An extension's pipeline left facts that break the facts contract (`factsContract: enforce`). */
  factsContractBroken: (message: string, details?: Details) =>
    new NailgunError(CODES.FACTS_CONTRACT, message, 500, details),

  // Users and tokens
  invalidCredentials: () => new AuthenticationError(CODES.UNAUTHORIZED, 'Invalid user / password'),
  userExists: (name: string) => new ConflictError(CODES.USER_EXISTS, `User '${name}' already exists`),
  invalidUserName: () =>
    new InputError(
      CODES.INVALID_USER_NAME,
      'A user name is 1 to 64 characters: letters, digits and . _ @ -, starting with a letter or digit',
    ),
  invalidRole: (role: string, allowed: readonly string[]) =>
    new InputError(CODES.INVALID_ROLE, `Unknown role '${role}': use one of ${allowed.join(', ')}`),
  weakPassword: (problem: string) => new InputError(CODES.WEAK_PASSWORD, `The password ${problem}`),
  lastAdmin: () =>
    new NotAllowedError(CODES.LAST_ADMIN, 'Cannot remove the last enabled administrator: create another one first'),

  // Infrastructure
  unavailable: (message: string) => new UnavailableError(CODES.UNAVAILABLE, message),
  config: (message: string) => new InputError(CODES.CONFIG, message),
} as const

/** Every error code the core can raise, for documentation and tests. */
export const errorCodes: readonly string[] = Object.freeze(Object.values(CODES))
