/**
 * The authentication failures Keystone clients see, named for the auth code. Every code lives
 * in the registry of errors.ts.
 */
import { errors } from '../errors.js'

export const authErrors = {
  invalidCredentials: () => errors.invalidCredentials(),
  invalidToken: () => errors.unauthorized('The request you have made requires authentication.'),
  unknownProject: () => errors.unauthorized('The user has no access to the requested project'),
  unsupportedAuthMethod: (method: string) =>
    errors.unauthorized(`Unsupported authentication method '${method.slice(0, 40)}'`),
  tokenNotFound: () => errors.objectNotFound('Token'),
  userNotFound: () => errors.objectNotFound('User'),
  userExists: errors.userExists,
  invalidUserName: errors.invalidUserName,
  invalidRole: errors.invalidRole,
  weakPassword: errors.weakPassword,
  lastAdmin: errors.lastAdmin,
} as const
