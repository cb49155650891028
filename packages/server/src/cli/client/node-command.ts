/**
 * `nailgun node list|show|update|label|delete|assign|unassign` over `/nodes` and
 * `/clusters/<id>/assignment`. `--status` and `--role` filter on the client, as fuelclient does.
 */
import { Command } from 'commander'
import type { Json } from './api-client.js'
import { act, type CommonOptions, leaf, parseId, parseIds, parseList, withWait } from './common.js'
import { NODE_COLUMNS, printList, printObject } from './format.js'
import { type ClientIo, usageError, writeLine } from './io.js'
import { addRegisterCommand } from './node-register.js'
import { runOperation } from './operations.js'

interface NodeOptions extends CommonOptions {
  env?: string
  status?: string
  role?: string
  name?: string
  hostname?: string
  nodes?: string
  roles?: string
  delete?: string[]
}

const NODE_FIELDS = [
  'id',
  'name',
  'status',
  'progress',
  'error_type',
  'error_msg',
  'online',
  'mac',
  'ip',
  'hostname',
  'fqdn',
  'cluster',
  'group_id',
  'roles',
  'pending_roles',
  'pending_addition',
  'pending_deletion',
  'os_platform',
  'platform_name',
  'manufacturer',
  'labels',
]

export function matchesFilters(node: Json, options: NodeOptions): boolean {
  if (options.status && node.status !== options.status) return false
  if (options.role && ![...(node.roles ?? []), ...(node.pending_roles ?? [])].includes(options.role)) return false
  return true
}

export function nodeCommand(io: ClientIo): Command {
  const node = new Command('node').description('nodes: list, show, assign to environments, label, delete')
  const list = leaf(node, 'list', 'list the nodes')
    .option('--env <id>', "only this environment's nodes ('none' for unassigned ones)")
    .option('--status <status>', 'only nodes in this status (discover, provisioning, ready, error...)')
    .option('--role <role>', 'only nodes with this role, deployed or pending')
  act<NodeOptions>(io, list, async (client, options) => {
    const query =
      options.env === undefined ? {} : { cluster_id: /^none$/i.test(options.env) ? '' : parseId(options.env, '--env') }
    const nodes = await client.get<Json[]>('/nodes', query)
    printList(
      io,
      options,
      nodes.filter((n) => matchesFilters(n, options)),
      NODE_COLUMNS,
    )
  })
  act(io, leaf(node, 'show', 'show a node').argument('<node>', 'node id'), async (client, options, [id]) => {
    printObject(io, options, await client.node(parseId(id, 'node id')), NODE_FIELDS)
  })
  const update = leaf(node, 'update', "change a node's name or hostname")
    .argument('<node>', 'node id')
    .option('--name <name>', 'new name')
    .option('--hostname <hostname>', 'new hostname')
  act<NodeOptions>(io, update, async (client, options, [id]) => {
    const body: Json = {}
    if (options.name !== undefined) body.name = options.name
    if (options.hostname !== undefined) body.hostname = options.hostname
    if (Object.keys(body).length === 0) throw usageError('nothing to change: give --name or --hostname')
    printObject(io, options, await client.put(`/nodes/${parseId(id, 'node id')}`, body), NODE_FIELDS)
  })
  addLabel(node, io)
  addAssignment(node, io)
  addRegisterCommand(node, io)
  const del = withWait(leaf(node, 'delete', 'remove nodes (from their environment and the inventory)')).argument(
    '<nodes...>',
    'node ids',
  )
  act<NodeOptions>(io, del, async (client, options, ids) => {
    const nodeIds = parseIds(ids, 'node id')
    const first = await client.node(nodeIds[0]!)
    return runOperation(client, io, options, {
      method: 'DELETE',
      path: '/nodes',
      query: { ids: nodeIds.join(',') },
      clusterId: first.cluster,
    })
  })
  return node
}

function addLabel(node: Command, io: ClientIo): void {
  const label = leaf(node, 'label', 'show or change labels: key=value sets, key- removes')
    .argument('<nodes>', 'node ids (comma-separated)')
    .argument('[changes...]', 'key=value to set, key- to remove; none: show the labels')
  act<NodeOptions>(io, label, async (client, options, [ids, ...changes]) => {
    const nodeIds = parseIds(ids, 'node id')
    const set: Record<string, string | null> = {}
    const removed: string[] = []
    for (const change of changes) {
      const eq = change.indexOf('=')
      if (eq > 0) set[change.slice(0, eq)] = change.slice(eq + 1)
      else if (change.endsWith('-') && change.length > 1) removed.push(change.slice(0, -1))
      else throw usageError(`'${change}' is neither key=value nor key-`)
    }
    const rows: Json[] = []
    for (const id of nodeIds) {
      let current = await client.node(id)
      if (changes.length > 0) {
        const labels = { ...(current.labels ?? {}), ...set }
        for (const key of removed) delete labels[key]
        current = await client.put(`/nodes/${id}`, { labels })
      }
      rows.push(current)
    }
    const table = rows.flatMap((n) =>
      Object.entries(n.labels ?? {}).map(([key, value]) => ({ node: n.id, key, value })),
    )
    printList(io, options, table, ['node', 'key', 'value'])
  })
}

function addAssignment(node: Command, io: ClientIo): void {
  const assign = leaf(node, 'assign', 'add nodes to an environment with roles')
    .requiredOption('--env <id>', 'environment id')
    .requiredOption('--nodes <ids>', 'node ids (comma-separated)')
    .requiredOption('--roles <roles>', 'roles (comma-separated), e.g. controller or compute,cinder')
  act<NodeOptions>(io, assign, async (client, options) => {
    const clusterId = parseId(options.env, '--env')
    const roles = parseList(options.roles)
    if (roles.length === 0) throw usageError('give at least one role in --roles')
    const nodeIds = parseIds(options.nodes, 'node id')
    await client.post(
      `/clusters/${clusterId}/assignment`,
      nodeIds.map((id) => ({ id, roles })),
    )
    writeLine(
      io.out,
      `Assigned node(s) ${nodeIds.join(', ')} to environment ${clusterId} with roles ${roles.join(', ')}`,
    )
  })
  const unassign = leaf(node, 'unassign', 'take nodes out of their environment (before deployment)')
    .requiredOption('--env <id>', 'environment id')
    .requiredOption('--nodes <ids>', 'node ids (comma-separated)')
  act<NodeOptions>(io, unassign, async (client, options) => {
    const clusterId = parseId(options.env, '--env')
    const nodeIds = parseIds(options.nodes, 'node id')
    await client.post(
      `/clusters/${clusterId}/unassignment`,
      nodeIds.map((id) => ({ id })),
    )
    writeLine(io.out, `Unassigned node(s) ${nodeIds.join(', ')} from environment ${clusterId}`)
  })
}
