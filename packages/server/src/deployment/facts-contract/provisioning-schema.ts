/**
 * The provisioning facts contract: what the orchestrator (Astute's `image_provision` /
 * `native_provision`) cannot do without. Split in two, the environment part and one node entry,
 * so a stage is checked only where it may have changed something. Extra keys are always allowed:
 * extensions add facts; the contract only says what must stay there, with which type.
 */

const nonEmpty = { type: 'string', minLength: 1 } as const

/** Everything but `nodes`. */
export const provisioningEnvSchema = {
  $id: 'nailgun:provisioning-facts/environment',
  type: 'object',
  required: ['engine'],
  properties: {
    engine: {
      type: 'object',
      required: ['url', 'username', 'password', 'master_ip', 'provision_method'],
      properties: {
        url: nonEmpty,
        username: { type: 'string' },
        password: { type: 'string' },
        master_ip: nonEmpty,
        provision_method: { enum: ['image', 'cobbler'] },
      },
    },
    fault_tolerance: {
      type: 'array',
      items: {
        type: 'object',
        required: ['uids', 'percentage'],
        properties: { uids: { type: 'array', items: { type: 'string' } }, percentage: { type: 'number' } },
      },
    },
    pre_provision: { type: 'array', items: { type: 'object' } },
  },
} as const

/** One `nodes[i]`. */
export const provisioningNodeSchema = {
  $id: 'nailgun:provisioning-facts/node',
  type: 'object',
  required: [
    'uid',
    'hostname',
    'fqdn',
    'slave_name',
    'profile',
    'power_type',
    'power_address',
    'power_user',
    'power_pass',
    'interfaces',
    'ks_meta',
  ],
  properties: {
    uid: nonEmpty,
    hostname: nonEmpty,
    fqdn: nonEmpty,
    name: { type: 'string' },
    slave_name: nonEmpty,
    profile: nonEmpty,
    power_type: nonEmpty,
    power_address: nonEmpty,
    power_user: { type: 'string' },
    power_pass: { type: 'string' },
    netboot_enabled: { type: 'string' },
    kernel_options: { type: 'object' },
    interfaces: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        required: ['mac_address'],
        properties: { mac_address: nonEmpty, static: { type: 'string' } },
      },
    },
    interfaces_extra: { type: 'object' },
    ks_meta: {
      type: 'object',
      properties: { pm_data: { type: 'object', properties: { ks_spaces: { type: 'array' } } } },
    },
  },
} as const
