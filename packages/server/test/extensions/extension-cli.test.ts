/**
 * `nailgun extension installed|order|create`, run in-process: the list with status, the order with the
 * reason for each position, and a scaffolded package that the host discovers through
 * `node_modules` (as `npm install <path>` links it), migrates and serves.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createTestApp } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildProgram } from '../../src/cli/program.js'
import { loadExtensions } from '../../src/extensions/load-extensions.js'
import { scaffoldExtension } from '../../src/extensions/scaffold/scaffold.js'
import { captureLog } from './helpers.js'

async function run(...args: string[]): Promise<string> {
  const out: string[] = []
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk))
    return true
  })
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'nailgun', ...args])
  } finally {
    spy.mockRestore()
  }
  return out.join('')
}

async function writePackage(dir: string, name: string, fields: string, extra: Record<string, unknown> = {}) {
  await mkdir(dir, { recursive: true })
  await writeFile(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: `@fx/${name}`,
      version: '1.0.0',
      type: 'module',
      nailgun: { extensions: { X: './index.ts#X' } },
      peerDependencies: { '@nailgun/extensions': '^1.0.0' },
      ...extra,
    }),
  )
  const sdk = path.join(import.meta.dirname, '../../../extensions/src/index.ts')
  await writeFile(
    path.join(dir, 'index.ts'),
    `import { BaseExtension } from '${sdk}'
export class X extends BaseExtension {
  readonly name = '${name}'
  readonly version = '1.2.0'
  readonly description = 'ordering fixture'
  ${fields}
}
`,
  )
}

describe('nailgun extension installed and order', () => {
  let root: string
  beforeAll(async () => {
    root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ng-ext-order-')))
    const modules = path.join(root, 'node_modules')
    await writePackage(path.join(modules, 'zeta'), 'zeta', '')
    await writePackage(path.join(modules, 'alpha'), 'alpha', "requires = ['zeta']")
    await writePackage(path.join(modules, 'beta'), 'beta', "before = ['alpha']")
    await writePackage(path.join(modules, 'broken'), 'Broken', '')
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('prints each position with the reason that put it there, and the extensions that failed to load', async () => {
    const text = await run('extension', 'order', '--extensions-root', root)
    const lines = text.trim().split('\n')
    expect(lines[0]).toMatch(/^1\. beta — no ordering constraints/)
    expect(lines[1]).toMatch(/^2\. zeta — /)
    expect(lines[2]).toMatch(/^3\. alpha — .*beta.*zeta|^3\. alpha — .*zeta.*beta/)
    expect(text).toMatch(/not ordered: .* failed to load/)
  })

  it('prints the order as JSON with reasons', async () => {
    const json = JSON.parse(await run('extension', 'order', '--extensions-root', root, '--json'))
    expect(json.order.map((o: { name: string }) => o.name)).toEqual(['beta', 'zeta', 'alpha'])
    expect(json.order[2].reasons.join(' ')).toContain('zeta')
    expect(json.failed).toHaveLength(1)
  })

  it('lists installed extensions with version and status', async () => {
    const rows = JSON.parse(await run('extension', 'installed', '--extensions-root', root, '--json'))
    expect(rows.map((r: { name: string; version: string; status: string }) => [r.name, r.version, r.status])).toEqual([
      ['beta', '1.2.0', 'loaded'],
      ['zeta', '1.2.0', 'loaded'],
      ['alpha', '1.2.0', 'loaded'],
      [expect.any(String), expect.any(String), 'failed'],
    ])
    expect(await run('extension', 'installed', '--extensions-root', root)).toContain('alpha 1.2.0 loaded (@fx/alpha)')
  })
})

describe('nailgun extension create', () => {
  // Inside the repository, so the package resolves @nailgun/* as a workspace member would.
  const parent = path.join(import.meta.dirname, `.scaffold-${process.pid}`)
  let root: string
  beforeAll(async () => {
    root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ng-ext-scaffold-')))
  })
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true })
    await rm(root, { recursive: true, force: true })
  })

  it('refuses a name the host would refuse, and a folder that is not empty', async () => {
    await expect(scaffoldExtension({ name: 'Bad-Name', dir: parent })).rejects.toThrow(/Invalid extension name/)
    await expect(scaffoldExtension({ name: '_x', dir: parent })).rejects.toThrow(/Invalid extension name/)
    await mkdir(path.join(parent, 'taken'), { recursive: true })
    await writeFile(path.join(parent, 'taken', 'x'), '')
    await expect(scaffoldExtension({ name: 'taken', dir: parent })).rejects.toThrow(/not empty/)
  })

  it('writes a package with the manifest, the SDK peer range, the test kit, a migration, tests and a README', async () => {
    const text = await run('extension', 'create', 'fx_notes', '--dir', parent)
    expect(text).toContain('Created nailgun-ext-fx-notes')
    const dir = path.join(parent, 'fx-notes')
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'))
    expect(manifest).toMatchObject({
      name: 'nailgun-ext-fx-notes',
      nailgun: { extensions: { FxNotes: './src/index.ts#FxNotesExtension' } },
      peerDependencies: { '@nailgun/extensions': '^1.0.0' },
      devDependencies: { '@nailgun/testing': '^1.0.0' },
      scripts: { test: 'vitest run' },
    })
    for (const file of ['README.md', 'tsconfig.json', 'src/migrations/0001-notes.ts', 'test/extension.test.ts'])
      expect(existsSync(path.join(dir, file)), file).toBe(true)
    expect(await readFile(path.join(dir, 'src/migrations/0001-notes.ts'), 'utf8')).not.toMatch(/references/)
  })

  it('is discovered through node_modules as `npm install <path>` links it, migrated and served', async () => {
    await mkdir(path.join(root, 'node_modules'), { recursive: true })
    await symlink(path.join(parent, 'fx-notes'), path.join(root, 'node_modules', 'nailgun-ext-fx-notes'), 'dir')
    const loaded = await loadExtensions({ extensionsRoot: root, skipBrokenExtensions: false }, captureLog())
    expect(loaded.installed.map((i) => i.extension.name)).toEqual(['fx_notes'])
    const t = await createTestApp({ config: { extensionsRoot: root }, discoverExtensions: true })
    try {
      const node = await t.env.createNode()
      const url = `/api/v1/fx_notes/nodes/${node.id}/notes`
      expect((await t.post(url, { text: 'rack 4' })).status).toBe(201)
      expect((await t.get(url)).body).toEqual([expect.objectContaining({ text: 'rack 4' })])
    } finally {
      await t.close()
    }
  })
})
