/**
 * `nailgun env list|show|create|update|delete|deploy|provision|reset|stop`, plus
 * `env extension ...` and `env facts ...`, over `/clusters`.
 */
import { Command } from 'commander'
import type { ApiClient, Json } from './api-client.js'
import { act, type CommonOptions, leaf, parseId, parseIds, withWait } from './common.js'
import { addEnvExtensionCommands } from './env-extension-command.js'
import { addFactsCommands } from './facts-command.js'
import { ENV_COLUMNS, ENV_FIELDS, printList, printObject } from './format.js'
import { type ClientIo, usageError } from './io.js'
import { runOperation } from './operations.js'

interface EnvOptions extends CommonOptions {
  name?: string
  release?: string
  mode?: string
  netProvider?: string
  nodes?: string
  redeploy?: boolean
}

export function envCommand(io: ClientIo): Command {
  const env = new Command('env').description('environments (clusters): list, create, deploy, reset, delete...')
  act(io, leaf(env, 'list', 'list the environments'), async (client, options) => {
    printList(io, options, await client.clusters(), ENV_COLUMNS)
  })
  act(io, leaf(env, 'show', 'show an environment').argument('<env>', 'environment id'), async (client, o, [id]) => {
    printObject(io, o, await client.cluster(parseId(id, 'environment id')), ENV_FIELDS)
  })
  addCreateUpdate(env, io)
  addOperations(env, io)
  addEnvExtensionCommands(env, io)
  addFactsCommands(env, io)
  return env
}

function fieldsOf(options: EnvOptions): Json {
  const body: Json = {}
  if (options.name !== undefined) body.name = options.name
  if (options.release !== undefined) body.release_id = parseId(options.release, '--release')
  if (options.mode !== undefined) body.mode = options.mode
  if (options.netProvider !== undefined) body.net_provider = options.netProvider
  return body
}

function addCreateUpdate(env: Command, io: ClientIo): void {
  const create = leaf(env, 'create', 'create an environment')
    .requiredOption('--name <name>', 'environment name')
    .option('--release <id>', 'release id (see `nailgun release list`; default: the first deployable one)')
    .option('--mode <mode>', 'multinode, ha_compact or ha_full')
    .option('--net-provider <provider>', 'neutron or nova_network')
  act<EnvOptions>(io, create, async (client, options) => {
    const body = fieldsOf(options)
    body.release_id ??= await defaultRelease(client)
    printObject(io, options, await client.post('/clusters', body), ENV_FIELDS)
  })
  const update = leaf(env, 'update', "change an environment's name, mode or network provider")
    .argument('<env>', 'environment id')
    .option('--name <name>', 'new name')
    .option('--mode <mode>', 'multinode, ha_compact or ha_full')
    .option('--net-provider <provider>', 'neutron or nova_network')
  act<EnvOptions>(io, update, async (client, options, [id]) => {
    const body = fieldsOf(options)
    if (Object.keys(body).length === 0) throw usageError('nothing to change: give --name, --mode or --net-provider')
    printObject(io, options, await client.put(`/clusters/${parseId(id, 'environment id')}`, body), ENV_FIELDS)
  })
}

async function defaultRelease(client: ApiClient): Promise<number> {
  const release = (await client.releases()).find((r) => r.is_deployable)
  if (!release) throw usageError('no deployable release on the server: give --release')
  return release.id
}

function addOperations(env: Command, io: ClientIo): void {
  const envArg = (c: Command) => withWait(c.argument('<env>', 'environment id'))
  const nodesOption = (c: Command) => c.option('--nodes <ids>', 'only these nodes (comma-separated ids)')
  const deploy = nodesOption(envArg(leaf(env, 'deploy', 'deploy the pending changes (provision + deploy)'))).option(
    '--redeploy',
    'deploy every node again, not only the changed ones',
  )
  act<EnvOptions>(io, deploy, async (client, options, [id]) => {
    const clusterId = parseId(id, 'environment id')
    if (options.nodes)
      return runOperation(client, io, options, {
        method: 'PUT',
        path: `/clusters/${clusterId}/deploy`,
        query: { nodes: parseIds(options.nodes, 'node id').join(',') },
        clusterId,
      })
    const path = `/clusters/${clusterId}/changes${options.redeploy ? '/redeploy' : ''}`
    return runOperation(client, io, options, { method: 'PUT', path, clusterId })
  })
  const provision = nodesOption(envArg(leaf(env, 'provision', 'provision nodes (install their operating system)')))
  act<EnvOptions>(io, provision, async (client, options, [id]) => {
    const clusterId = parseId(id, 'environment id')
    const nodes = options.nodes ? parseIds(options.nodes, 'node id').join(',') : undefined
    const path = `/clusters/${clusterId}/provision`
    return runOperation(client, io, options, { method: 'PUT', path, query: { nodes }, clusterId })
  })
  const simple: [string, string, (id: number) => string, 'PUT' | 'DELETE'][] = [
    ['reset', 'reset the environment: nodes go back to discovery', (id) => `/clusters/${id}/reset`, 'PUT'],
    ['stop', 'stop a running deployment', (id) => `/clusters/${id}/stop_deployment`, 'PUT'],
    ['delete', 'delete the environment (its nodes go back to discovery)', (id) => `/clusters/${id}`, 'DELETE'],
  ]
  for (const [name, description, path, method] of simple) {
    act<EnvOptions>(io, envArg(leaf(env, name, description)), async (client, options, [id]) => {
      const clusterId = parseId(id, 'environment id')
      return runOperation(client, io, options, { method, path: path(clusterId), clusterId })
    })
  }
}
