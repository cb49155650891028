/**
 * The deployment facts contract (`granular_deploy`'s `deployment_info: {common, nodes}`): the
 * environment part (`common` and any top-level key a seed-style pipeline added) and one node entry.
 * Extra keys are allowed everywhere; only what the orchestrator and the role tasks read is required.
 */

const nonEmpty = { type: 'string', minLength: 1 } as const

/** Everything but `nodes`. */
export const deploymentEnvSchema = {
  $id: 'nailgun:deployment-facts/environment',
  type: 'object',
  required: ['common'],
  properties: {
    common: {
      type: 'object',
      required: ['deployment_id', 'network_metadata'],
      properties: {
        deployment_id: { type: 'integer' },
        network_metadata: { type: 'object', required: ['nodes'], properties: { nodes: { type: 'object' } } },
        glance: { type: 'object', properties: { image_cache_max_size: { type: 'string', pattern: '^[0-9]+$' } } },
      },
    },
  },
} as const

/** One `nodes[i]`. */
export const deploymentNodeSchema = {
  $id: 'nailgun:deployment-facts/node',
  type: 'object',
  required: ['uid', 'roles', 'fqdn', 'network_scheme', 'tasks'],
  properties: {
    uid: nonEmpty,
    roles: { type: 'array', minItems: 1, items: nonEmpty },
    fqdn: nonEmpty,
    status: { type: 'string' },
    fail_if_error: { type: 'boolean' },
    network_scheme: {
      type: 'object',
      required: ['transformations', 'roles', 'endpoints'],
      properties: {
        transformations: { type: 'array' },
        roles: { type: 'object' },
        endpoints: { type: 'object' },
      },
    },
    node_volumes: { type: 'array' },
    tasks: { type: 'array', items: { type: 'object' } },
    priority: { type: 'integer' },
  },
} as const
