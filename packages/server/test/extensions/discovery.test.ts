/**
 * Discovery: packages under `<root>/node_modules` (plain and scoped, symlinked as workspaces and
 * `file:` installs are) whose package.json declares `nailgun.extensions`, and sources handed over
 * in code. No database needed: the loader is called directly.
 */
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { BaseExtension } from '@nailgun/extensions'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findPackageDirs } from '../../src/extensions/discover.js'
import { loadExtensions } from '../../src/extensions/load-extensions.js'
import { RecorderExtension } from './fixtures/recorder/index.js'
import { captureLog, fixture } from './helpers.js'

class InlineExtension extends BaseExtension {
  readonly name = 'fx_inline'
  readonly version = '0.1.0'
  readonly description = 'Handed over in code'
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value))
}

describe('extension discovery', () => {
  let root: string
  beforeAll(async () => {
    root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ng-ext-root-')))
    const modules = path.join(root, 'node_modules')
    await mkdir(path.join(modules, '@fx'), { recursive: true })
    await symlink(fixture('recorder'), path.join(modules, '@fx', 'recorder'), 'dir')
    await symlink(fixture('migrating'), path.join(modules, 'store-ext'), 'dir')
    await writeJson(path.join(modules, 'left-pad', 'package.json'), { name: 'left-pad', version: '1.0.0' })
    await writeJson(path.join(modules, 'mangled', 'package.json'), '{ not json')
    await writeJson(path.join(modules, '.bin', 'package.json'), { nailgun: { extensions: { X: './x.ts' } } })
    await writeJson(path.join(root, 'ghost', 'package.json'), {
      name: '@fx/ghost',
      nailgun: { extensions: { Ghost: `${fixture('recorder')}/index.ts#GhostExtension` } },
      peerDependencies: { '@nailgun/extensions': '^1.0.0' },
    })
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  const load = (options: Parameters<typeof loadExtensions>[2], skip = false) =>
    loadExtensions({ extensionsRoot: root, skipBrokenExtensions: skip }, captureLog(), options)

  it('lists scoped and plain packages through their symlinks, by real path, skipping dot folders', async () => {
    const dirs = await findPackageDirs(root)
    expect(dirs).toEqual(
      expect.arrayContaining([fixture('recorder'), fixture('migrating'), path.join(root, 'node_modules', 'left-pad')]),
    )
    expect(dirs.some((dir) => dir.includes('.bin'))).toBe(false)
  })

  it('loads the packages that declare extensions and ignores the others, even with a broken package.json', async () => {
    const { installed, failed } = await load({})
    expect(installed.map((i) => i.extension.name)).toEqual(['fx_recorder', 'fx_store'])
    expect(failed).toEqual([])
    const [recorder] = installed
    expect(recorder?.extension).toBeInstanceOf(RecorderExtension)
    expect(recorder?.origin).toEqual({
      packageName: '@fx/recorder',
      entry: 'Recorder',
      packageDir: fixture('recorder'),
      modulePath: path.join(fixture('recorder'), 'index.ts'),
      exportName: 'RecorderExtension',
      sdkRange: '^1.0.0',
    })
  })

  it('finds nothing when discovery is off, and loads package directories, classes and instances given', async () => {
    const instance = new InlineExtension()
    const { installed } = await load({ discover: false, sources: [fixture('recorder'), InlineExtension] })
    expect(installed.map((i) => [i.extension.name, i.origin.packageName, i.origin.entry])).toEqual([
      ['fx_inline', '(given)', 'InlineExtension'],
      ['fx_recorder', '@fx/recorder', 'Recorder'],
    ])
    const again = await load({ discover: false, sources: [instance] })
    expect(again.installed[0]?.extension).toBe(instance)
  })

  it('uses the default export when the manifest names none', async () => {
    const { failed } = await load({ discover: false, sources: [fixture('no-sdk-range')] }, true)
    expect(failed[0]?.name).toBe('fx_unpinned')
  })

  it('names the package, entry and cause when an export is missing or a module cannot be imported', async () => {
    await expect(load({ discover: false, sources: [path.join(root, 'ghost')] })).rejects.toThrow(
      /Extension Ghost of package @fx\/ghost: module .*recorder\/index\.ts has no export 'GhostExtension'/,
    )
    await expect(load({ discover: false, sources: [fixture('broken-import')] })).rejects.toThrow(
      /Extension Broken of package @fx\/broken-import: cannot import .*this module cannot be loaded/,
    )
  })

  it('refuses a directory without a manifest and an export that is not an extension', async () => {
    await expect(load({ discover: false, sources: [path.join(root, 'node_modules', 'left-pad')] })).rejects.toThrow(
      `Package 'left-pad' declares no "nailgun.extensions" in package.json`,
    )
    await expect(load({ discover: false, sources: [{} as BaseExtension] })).rejects.toThrow(
      /Extension Object of package \(given\): the export is neither a BaseExtension subclass nor an instance of one/,
    )
  })

  it("discovers the project's own extensions from the repository root, as `npm start` does", async () => {
    const repo = path.resolve(import.meta.dirname, '../../../..')
    const { installed } = await loadExtensions({ extensionsRoot: repo, skipBrokenExtensions: false }, captureLog())
    expect(installed.map((i) => [i.extension.name, i.origin.packageName])).toEqual(
      expect.arrayContaining([
        ['additional_logger', '@nailgun/ext-additional-logger'],
        ['volume_manager', '@nailgun/ext-volume-manager'],
      ]),
    )
  })
})
