/** `nailgun env extension list|enable|disable <env> [names...]` over `/clusters/<id>/extensions`. */
import type { Command } from 'commander'
import { act, type CommonOptions, leaf, parseId } from './common.js'
import { printList } from './format.js'
import { type ClientIo, usageError, writeLine } from './io.js'

export function addEnvExtensionCommands(env: Command, io: ClientIo): void {
  const ext = env.command('extension').description('the extensions enabled on an environment')
  const show = (names: string[], options: CommonOptions) =>
    printList(
      io,
      options,
      names.map((name) => ({ name })),
      ['name'],
    )
  act(
    io,
    leaf(ext, 'list', 'list the extensions enabled on an environment').argument('<env>', 'environment id'),
    async (client, options, [id]) => {
      const names = await client.get<string[]>(`/clusters/${parseId(id, 'environment id')}/extensions`)
      show(names, options)
    },
  )
  const enable = leaf(ext, 'enable', 'enable extensions on an environment')
    .argument('<env>', 'environment id')
    .argument('<names...>', 'extension names (see `nailgun extension list`)')
  act(io, enable, async (client, options, [id, ...names]) => {
    const clusterId = parseId(id, 'environment id')
    const enabled = await client.put<string[]>(`/clusters/${clusterId}/extensions`, names)
    if (!options.json && !options.yaml) writeLine(io.out, `Enabled on environment ${clusterId}: ${enabled.join(', ')}`)
    else show(enabled, options)
  })
  const disable = leaf(ext, 'disable', 'disable extensions on an environment')
    .argument('<env>', 'environment id')
    .argument('<names...>', 'extension names')
  act(io, disable, async (client, options, [id, ...names]) => {
    const clusterId = parseId(id, 'environment id')
    if (names.length === 0) throw usageError('give the names of the extensions to disable')
    await client.delete(`/clusters/${clusterId}/extensions`, { extension_names: names.join(',') })
    const left = await client.get<string[]>(`/clusters/${clusterId}/extensions`)
    if (!options.json && !options.yaml)
      writeLine(
        io.out,
        `Disabled ${names.join(', ')} on environment ${clusterId}; enabled: ${left.join(', ') || '(none)'}`,
      )
    else show(left, options)
  })
}
