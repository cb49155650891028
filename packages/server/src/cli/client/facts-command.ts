/**
 * `nailgun env facts deployment|provisioning download|upload|delete|defaults <env>`: the replaced
 * facts as files in a directory, as fuelclient keeps them: `<dir>/<kind>_<env>/common.yaml` for the
 * environment part and `<uid>.yaml` per node (`--format json` for JSON). Edit, then upload.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import { parse, stringify } from 'yaml'
import type { Json } from './api-client.js'
import { act, type CommonOptions, leaf, parseId, parseIds } from './common.js'
import { type ClientIo, usageError, writeLine } from './io.js'

type Kind = 'deployment' | 'provisioning'

interface FactsOptions extends CommonOptions {
  dir: string
  format: string
  nodes?: string
}

/** The API's shape ↔ named documents: `common` plus one per node uid. */
export function toDocuments(kind: Kind, facts: unknown): Map<string, Json> {
  const docs = new Map<string, Json>()
  const add = (name: string, value: Json) => {
    let key = name
    for (let i = 2; docs.has(key); i++) key = `${name}_${i}`
    docs.set(key, value)
  }
  if (kind === 'deployment') {
    const list = Array.isArray(facts) ? facts : splitObjectToList(facts as Json)
    for (const dict of list as Json[]) {
      if (String(dict.uid) === 'common') {
        const { uid: _uid, ...rest } = dict
        if (Object.keys(rest).length > 0) add('common', rest)
      } else add(String(dict.uid ?? 'node'), dict)
    }
    return docs
  }
  const { nodes = [], ...common } = (facts ?? {}) as Json
  if (Object.keys(common).length > 0) add('common', common)
  for (const node of nodes as Json[]) add(String(node.uid ?? 'node'), node)
  return docs
}

function splitObjectToList(facts: Json | undefined): Json[] {
  if (!facts) return []
  return [...((facts.nodes as Json[]) ?? []), { ...(facts.common ?? {}), uid: 'common' }]
}

export function fromDocuments(kind: Kind, docs: Map<string, Json>): unknown {
  const common = docs.get('common') ?? {}
  const nodes = [...docs].filter(([name]) => name !== 'common').map(([name, doc]) => ({ uid: name, ...doc }))
  if (kind === 'deployment') return [...nodes, { ...common, uid: 'common' }]
  return { ...common, nodes }
}

const directoryOf = (options: FactsOptions, kind: Kind, clusterId: number) =>
  path.resolve(options.dir, `${kind}_${clusterId}`)

async function writeDocuments(io: ClientIo, dir: string, docs: Map<string, Json>, format: string) {
  await mkdir(dir, { recursive: true })
  for (const [name, doc] of docs) {
    const text = format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc)
    await writeFile(path.join(dir, `${name}.${format}`), text)
  }
  writeLine(io.out, `Wrote ${docs.size} file(s) to ${dir}`)
}

async function readDocuments(dir: string): Promise<Map<string, Json>> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((n) => /\.(ya?ml|json)$/.test(n)).sort()
  } catch {
    throw usageError(`no directory ${dir}: download the facts first (or give --dir)`)
  }
  if (names.length === 0) throw usageError(`no .yaml or .json files in ${dir}`)
  const docs = new Map<string, Json>()
  for (const name of names) {
    const text = await readFile(path.join(dir, name), 'utf8')
    let doc: unknown
    try {
      doc = name.endsWith('.json') ? JSON.parse(text) : parse(text)
    } catch (error) {
      throw usageError(
        `${path.join(dir, name)} is not valid ${name.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
      )
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc))
      throw usageError(`${path.join(dir, name)} must hold an object`)
    docs.set(name.replace(/\.(ya?ml|json)$/, ''), doc as Json)
  }
  return docs
}

export function addFactsCommands(env: Command, io: ClientIo): void {
  const facts = env.command('facts').description('replaced deployment and provisioning facts, as files')
  for (const kind of ['deployment', 'provisioning'] as const) {
    const group = facts.command(kind).description(`${kind} facts of an environment`)
    const base = (name: string, description: string) =>
      leaf(group, name, description)
        .argument('<env>', 'environment id')
        .option('--dir <dir>', 'directory holding the <kind>_<env> folder', '.')
        .option('--format <format>', 'yaml or json (download and defaults)', 'yaml')
    const api = (id: number) => `/clusters/${id}/orchestrator/${kind}`
    const checkFormat = (o: FactsOptions) => {
      if (o.format !== 'yaml' && o.format !== 'json')
        throw usageError(`--format must be yaml or json, got '${o.format}'`)
    }
    act<FactsOptions>(io, base('download', `download the replaced ${kind} facts`), async (client, o, [id]) => {
      checkFormat(o)
      const clusterId = parseId(id, 'environment id')
      const docs = toDocuments(kind, await client.get(api(clusterId), { split: kind === 'deployment' ? 1 : undefined }))
      if (docs.size === 0) {
        writeLine(
          io.out,
          `Environment ${clusterId} has no replaced ${kind} facts; \`defaults\` downloads the generated ones`,
        )
        return
      }
      await writeDocuments(io, directoryOf(o, kind, clusterId), docs, o.format)
    })
    const defaults = base('defaults', `download the generated ${kind} facts (to edit and upload)`).option(
      '--nodes <ids>',
      'only these nodes (comma-separated ids)',
    )
    act<FactsOptions>(io, defaults, async (client, o, [id]) => {
      checkFormat(o)
      const clusterId = parseId(id, 'environment id')
      const nodes = o.nodes ? parseIds(o.nodes, 'node id').join(',') : undefined
      const body = await client.get(`${api(clusterId)}/defaults`, {
        split: kind === 'deployment' ? 1 : undefined,
        nodes,
      })
      await writeDocuments(io, directoryOf(o, kind, clusterId), toDocuments(kind, body), o.format)
    })
    act<FactsOptions>(
      io,
      base('upload', `upload the ${kind} facts of <dir>/${kind}_<env>`),
      async (client, o, [id]) => {
        const clusterId = parseId(id, 'environment id')
        const dir = directoryOf(o, kind, clusterId)
        const docs = await readDocuments(dir)
        await client.put(api(clusterId), fromDocuments(kind, docs))
        writeLine(io.out, `Uploaded ${docs.size} file(s) of ${kind} facts from ${dir} to environment ${clusterId}`)
      },
    )
    act<FactsOptions>(
      io,
      leaf(group, 'delete', `delete the replaced ${kind} facts`).argument('<env>', 'environment id'),
      async (client, _o, [id]) => {
        const clusterId = parseId(id, 'environment id')
        await client.delete(api(clusterId))
        writeLine(io.out, `Deleted the replaced ${kind} facts of environment ${clusterId}`)
      },
    )
  }
}
