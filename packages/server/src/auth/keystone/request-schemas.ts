/**
 * The token request bodies of Keystone v2.0 and v3, as keystoneauth1 and fuel-ui send them.
 * Unknown members are allowed (clients add `trust_id`, domains...), as Keystone allows them.
 */
import { type Static, Type } from 'typebox'

const Name = Type.String({ minLength: 1, maxLength: 255 })
const TokenId = Type.String({ minLength: 1, maxLength: 1024 })
/** No length limit here: an over-long password is a failed login (401), not a malformed request. */
const Password = Type.String()

export const V2TokenRequest = Type.Object({
  auth: Type.Object({
    passwordCredentials: Type.Optional(
      Type.Object({ username: Type.Optional(Name), userId: Type.Optional(Name), password: Password }),
    ),
    token: Type.Optional(Type.Object({ id: TokenId })),
    tenantName: Type.Optional(Name),
    tenantId: Type.Optional(Name),
  }),
})
export type V2TokenRequest = Static<typeof V2TokenRequest>

const Domain = Type.Object({ id: Type.Optional(Name), name: Type.Optional(Name) })

export const V3TokenRequest = Type.Object({
  auth: Type.Object({
    identity: Type.Object({
      methods: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 8 }),
      password: Type.Optional(
        Type.Object({
          user: Type.Object({
            id: Type.Optional(Name),
            name: Type.Optional(Name),
            password: Password,
            domain: Type.Optional(Domain),
          }),
        }),
      ),
      token: Type.Optional(Type.Object({ id: TokenId })),
    }),
    scope: Type.Optional(
      Type.Object({
        project: Type.Optional(
          Type.Object({ id: Type.Optional(Name), name: Type.Optional(Name), domain: Type.Optional(Domain) }),
        ),
      }),
    ),
  }),
})
export type V3TokenRequest = Static<typeof V3TokenRequest>

export const TokenIdParams = Type.Object({ token_id: TokenId })

/** keystoneclient's `users.update_own_password` (OS-KSCRUD), used by `fuel user change-password` and fuel-ui. */
export const V2OwnPasswordRequest = Type.Object({
  user: Type.Object({ password: Password, original_password: Password }),
})
export type V2OwnPasswordRequest = Static<typeof V2OwnPasswordRequest>

export const UserIdParams = Type.Object({ user_id: Name })
