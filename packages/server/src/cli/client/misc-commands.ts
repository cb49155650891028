/** `nailgun task list|show|watch`, `nailgun release list`, `nailgun extension list`. */
import { Command } from 'commander'
import { act, type CommonOptions, leaf, parseId } from './common.js'
import { EXTENSION_COLUMNS, printList, printObject, RELEASE_COLUMNS, TASK_COLUMNS } from './format.js'
import type { ClientIo } from './io.js'
import { followTask, TASK_FIELDS } from './operations.js'

interface TaskOptions extends CommonOptions {
  env?: string
  status?: string
}

export function taskCommand(io: ClientIo): Command {
  const task = new Command('task').description('tasks: list, show, follow a running one')
  const list = leaf(task, 'list', 'list the tasks')
    .option('--env <id>', "only this environment's tasks")
    .option('--status <statuses>', 'only tasks in these statuses (comma-separated: pending, running, ready, error)')
  act<TaskOptions>(io, list, async (client, options) => {
    const query = { cluster_id: options.env ? parseId(options.env, '--env') : undefined, status: options.status }
    printList(io, options, await client.get('/tasks', query), TASK_COLUMNS)
  })
  act(io, leaf(task, 'show', 'show a task').argument('<task>', 'task id'), async (client, options, [id]) => {
    printObject(io, options, await client.task(parseId(id, 'task id')), [...TASK_FIELDS, 'parent_id', 'result'])
  })
  const watch = leaf(task, 'watch', 'follow a task until it ends (exit 4 when it fails)').argument('<task>', 'task id')
  act(io, watch, async (client, options, [id]) =>
    followTask(client, io, options, await client.task(parseId(id, 'task id'))),
  )
  return task
}

export function releaseCommand(io: ClientIo): Command {
  const release = new Command('release').description('releases (what an environment installs)')
  act(io, leaf(release, 'list', 'list the releases'), async (client, options) => {
    printList(io, options, await client.releases(), RELEASE_COLUMNS)
  })
  return release
}

export function extensionCommand(io: ClientIo): Command {
  const extension = new Command('extension').description(
    'extensions: those of the running server (list), and local tools',
  )
  act(io, leaf(extension, 'list', 'list the installed extensions'), async (client, options) => {
    printList(io, options, await client.extensions(), EXTENSION_COLUMNS)
  })
  return extension
}
