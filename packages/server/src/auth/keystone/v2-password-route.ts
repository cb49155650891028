/**
 * `PATCH /keystone/v2.0/OS-KSCRUD/users/<id>`: a user changes its own password, as keystoneclient's
 * `users.update_own_password` does for `fuel user change-password` and fuel-ui's password dialog.
 */
import type { FastifyInstance } from 'fastify'
import { errors } from '../../errors.js'
import { authErrors } from '../auth-errors.js'
import { header } from './caller.js'
import { baseUrlOf } from './catalog.js'
import type { KeystoneAuth } from './keystone-auth.js'
import { UserIdParams, V2OwnPasswordRequest } from './request-schemas.js'
import { accessBody } from './v2-format.js'

export function v2PasswordRoute(ks: FastifyInstance, keystone: KeystoneAuth): void {
  ks.patch(
    '/v2.0/OS-KSCRUD/users/:user_id',
    { schema: { params: UserIdParams, body: V2OwnPasswordRequest } },
    async (request) => {
      const token = header(request, 'x-auth-token')
      const caller = token ? await keystone.lookup(token) : undefined
      if (!token || !caller) throw authErrors.invalidToken()
      // Only one's own password: administrators reset others' with `nailgun user passwd`.
      if (String(caller.userId) !== (request.params as { user_id: string }).user_id) throw errors.forbidden()
      const { password, original_password } = (request.body as V2OwnPasswordRequest).user
      const issued = await keystone.changeOwnPassword(token, original_password, password)
      return accessBody(issued.token, issued.record, baseUrlOf(request))
    },
  )
}
