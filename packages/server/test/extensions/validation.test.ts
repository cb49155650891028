/**
 * Every rule an extension must pass before the server serves: each failure names the package, the
 * entry and the cause; with `skipBrokenExtensions` the broken ones are kept out and reported.
 */
import {
  BaseExtension,
  BaseHandler,
  BasePipeline,
  type NodeObject,
  type PipelineSpec,
  type UrlSpec,
} from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import { type LoadOptions, loadExtensions } from '../../src/extensions/load-extensions.js'
import { captureLog, fixture } from './helpers.js'

const load = (sources: LoadOptions['sources'], skip = false) =>
  loadExtensions({ extensionsRoot: '/nonexistent', skipBrokenExtensions: skip }, captureLog(), {
    discover: false,
    sources,
  })

const rejection = async (sources: LoadOptions['sources']) => {
  const error = await load(sources).then(
    () => undefined,
    (e: unknown) => e as Error & { code: string; errors: Array<Record<string, unknown>> },
  )
  if (!error) throw new Error('expected the load to fail')
  return error
}

/** A valid extension to vary one member at a time. */
function extension(name: string, members: Record<string, unknown> = {}, statics: Record<string, unknown> = {}) {
  class Variant extends BaseExtension {
    readonly name = name
    readonly version = '1.0.0'
    readonly description = 'A variant'
    constructor() {
      super()
      Object.assign(this, members)
    }
  }
  Object.assign(Variant, statics)
  return new Variant()
}

class Handles extends BaseHandler {
  GET() {
    return {}
  }
}

describe('validation of package fixtures', () => {
  it.each([
    [
      'bad-name',
      /Extension BadName of package @fx\/bad-name: name 'Bad-Name' must consist of lowercase letters, digits and '_' \(at most 64 characters\)/,
      'name',
    ],
    [
      'bad-version',
      /Extension BadVersion of package @fx\/bad-version: version '1\.0' is not a semantic version/,
      'version',
    ],
    [
      'no-description',
      /Extension NoDescription of package @fx\/no-description: description must be a non-empty string/,
      'description',
    ],
    [
      'sdk-range',
      /Extension Future of package @fx\/sdk-range: requires @nailgun\/extensions \^2\.0\.0, but this server provides 1\.0\.0/,
      'sdk-range',
    ],
    [
      'no-sdk-range',
      /Extension Unpinned of package @fx\/no-sdk-range: package\.json declares no peerDependencies\['@nailgun\/extensions'\] range/,
      'sdk-range',
    ],
    [
      'unknown-hook',
      /Extension SeedStyle of package @fx\/unknown-hook: extension 'fx_seedstyle' has an unknown hook 'on_node_create': that is the seed's Python name, use 'onNodeCreate'/,
      'hooks',
    ],
  ])('refuses %s with a coded error naming package, entry and cause', async (dir, message, rule) => {
    const error = await rejection([fixture(dir)])
    expect(error.message).toMatch(message)
    expect(error.code).toBe('NG_ERR_EXTENSION_LOAD')
    expect(error.errors[0]).toMatchObject({ package: `@fx/${dir}`, rule })
  })

  it('refuses two packages declaring one name, naming both', async () => {
    const error = await rejection([fixture('dup-one'), fixture('dup-two')])
    expect(error.message).toBe(
      "Extension DupOne of package @fx/dup-one: name 'fx_dup' is also used by Extension DupTwo of package @fx/dup-two",
    )
  })

  it('skips broken extensions when asked, lists each with its error, and keeps the good ones', async () => {
    const sources = [
      fixture('recorder'),
      fixture('bad-name'),
      fixture('broken-import'),
      fixture('dup-one'),
      fixture('dup-two'),
    ]
    const { installed, failed } = await load(sources, true)
    expect(installed.map((i) => i.extension.name)).toEqual(['fx_recorder'])
    expect(failed.map((f) => [f.origin.packageName, f.name, f.code])).toEqual([
      ['@fx/broken-import', undefined, 'NG_ERR_EXTENSION_LOAD'],
      ['@fx/bad-name', 'Bad-Name', 'NG_ERR_EXTENSION_LOAD'],
      ['@fx/dup-one', 'fx_dup', 'NG_ERR_EXTENSION_LOAD'],
      ['@fx/dup-two', 'fx_dup', 'NG_ERR_EXTENSION_LOAD'],
    ])
    expect(failed[1]?.error).toMatch(/name 'Bad-Name' must consist/)
  })
})

describe('validation of extension members', () => {
  it('refuses a name longer than 64 characters', async () => {
    const error = await rejection([extension('x'.repeat(65))])
    expect(error.message).toMatch(/^Extension Variant of package \(given\): name 'x{65}' must consist/)
  })

  it.each([
    [{ onNodeCreated: () => {} }, {}, "unknown hook 'onNodeCreated': did you mean 'onNodeCreate'?"],
    [
      {},
      { on_cluster_delete: () => {} },
      "unknown hook 'on_cluster_delete': that is the seed's Python name, use 'onClusterDelete'",
    ],
    [{ data_pipelines: [] }, {}, "unknown hook 'data_pipelines': that is the seed's Python name, use 'dataPipelines'"],
    [{}, { alembic_migrations_path: () => '/x' }, "use 'migrationsPath'"],
    [
      { processDeployment: () => {} },
      {},
      "'processDeployment' is a pipeline method; define it on a BasePipeline class listed in dataPipelines",
    ],
    [{ beforeClusterDeleted: () => {} }, {}, "did you mean 'beforeClusterDelete'?"],
    [{ onNodeCreate: 'yes' }, {}, "'onNodeCreate' must be a function"],
    [{ timeoutMs: 0 }, {}, 'timeoutMs must be a positive number of milliseconds, got 0'],
    [{ requires: 'other' }, {}, 'requires must be a list of extension names'],
  ])('refuses a bad member %#', async (members, statics, message) => {
    const error = await rejection([extension('fx_variant', members, statics)])
    expect(error.message).toContain(message)
  })

  it('accepts hook-like names the extension provides and helpers that look like nothing', async () => {
    const ok = extension('fx_ok', { provides: ['process_disks'], process_disks: () => {}, get_node_volumes: () => {} })
    expect((await load([ok])).installed).toHaveLength(1)
  })
})

describe('validation of pipelines and urls', () => {
  const withPipelines = (dataPipelines: PipelineSpec[]) => extension('fx_pipes', { dataPipelines })
  const withUrls = (urls: UrlSpec[]) => extension('fx_urls', { urls })

  it.each([
    [
      class TypoPipeline extends BasePipeline {
        static processDeploy() {}
      },
      "pipeline TypoPipeline has an unknown hook 'processDeploy': did you mean 'processDeployment'?",
    ],
    [
      class SeedPipeline extends BasePipeline {
        static process_provisioning(data: unknown) {
          return data
        }
      },
      "unknown hook 'process_provisioning': that is the seed's Python name, use 'processProvisioning'",
    ],
    [class EmptyPipeline extends BasePipeline {}, 'pipeline EmptyPipeline defines none of processProvisioning'],
    [42, 'dataPipelines[0] is neither a BasePipeline class nor an object with pipeline methods'],
  ])('refuses a bad pipeline %#', async (pipeline, message) => {
    const error = await rejection([withPipelines([pipeline as PipelineSpec])])
    expect(error.message).toContain(message)
    expect(error.errors[0]?.rule).toBe('pipelines')
  })

  it('accepts static, instance and object pipelines', async () => {
    class Instance extends BasePipeline {
      processDeploymentForNode(_node: NodeObject, data: unknown) {
        return data
      }
    }
    const object = { processProvisioning: (data: unknown) => data }
    const { installed } = await load([withPipelines([Instance, object])])
    expect(installed[0]?.pipelines.map((p) => [p.name, Object.keys(p.methods)])).toEqual([
      ['Instance', ['processDeploymentForNode']],
      ['dataPipelines[1]', ['processProvisioning']],
    ])
  })

  it.each([
    [[{ uri: '/fx/(?P<id>\\d+', handler: Handles }], "urls[0] '/fx/(?<id>\\d+' is not a valid regular expression"],
    [
      [{ uri: '/fx/$', handler: class Idle extends BaseHandler {} }],
      "handler Idle of '/fx/$' implements none of GET, POST, PUT, PATCH, DELETE",
    ],
    [[{ uri: 42, handler: Handles }], 'urls[0].uri must be a string or a RegExp'],
  ])('refuses a bad url %#', async (urls, message) => {
    const error = await rejection([withUrls(urls as UrlSpec[])])
    expect(error.message).toContain(message)
    expect(error.errors[0]?.rule).toBe('urls')
  })

  it('refuses two extensions claiming the same uri, whatever the anchors and trailing slash', async () => {
    const one = extension('fx_one', { urls: [{ uri: '^/shared/(?P<id>\\d+)/?$', handler: Handles }] })
    const two = extension('fx_two', { urls: [{ uri: /\/shared\/(?<id>\d+)/, handler: Handles }] })
    const error = await rejection([one, two])
    expect(error.message).toContain("uri '^/shared/(?<id>\\d+)/?$' is claimed by 'fx_one' and 'fx_two'")
  })
})
