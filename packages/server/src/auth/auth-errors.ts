/**
 * Coded errors of user management, built like the registry in errors.ts (which is shared; these
 * belong there and can move as they are). Authentication failures themselves use
 * `errors.unauthorized()` / `errors.forbidden()`.
 */
import { ConflictError, InputError, NotAllowedError } from '@nailgun/extensions'
import { errors } from '../errors.js'

export const authErrors = {
  invalidCredentials: () => errors.unauthorized('Invalid user / password'),
  invalidToken: () => errors.unauthorized('The request you have made requires authentication.'),
  unknownProject: () => errors.unauthorized('The user has no access to the requested project'),
  unsupportedAuthMethod: (method: string) =>
    errors.unauthorized(`Unsupported authentication method '${method.slice(0, 40)}'`),
  tokenNotFound: () => errors.objectNotFound('Token'),
  userNotFound: () => errors.objectNotFound('User'),
  userExists: (name: string) => new ConflictError('NG_ERR_USER_EXISTS', `User '${name}' already exists`),
  invalidUserName: () =>
    new InputError(
      'NG_ERR_INVALID_USER_NAME',
      'A user name is 1 to 64 characters: letters, digits and . _ @ -, starting with a letter or digit',
    ),
  invalidRole: (role: string, allowed: readonly string[]) =>
    new InputError('NG_ERR_INVALID_ROLE', `Unknown role '${role}': use one of ${allowed.join(', ')}`),
  weakPassword: (problem: string) => new InputError('NG_ERR_WEAK_PASSWORD', `The password ${problem}`),
  lastAdmin: () =>
    new NotAllowedError('NG_ERR_LAST_ADMIN', 'Cannot remove the last enabled administrator: create another one first'),
} as const
