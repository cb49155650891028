import type { JsonObject } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import {
  deepMerge,
  mergeReplacedDeployment,
  mergeReplacedProvisioning,
  serializeDeployment,
  serializeProvisioning,
  splitReplacedDeployment,
  splitReplacedProvisioning,
  toSplitDeploymentInfo,
} from '../../src/deployment/serializers/index.js'
import { threeNodeEnvironment } from './node-fixtures.js'

describe('deepMerge', () => {
  it('merges objects key by key and replaces arrays, scalars and nulls', () => {
    const target = { a: { b: 1, c: [1, 2], d: { e: 'x' } }, keep: true }
    const patch = { a: { c: [3], d: null, f: 'new' }, extra: 1 }
    expect(deepMerge(target, patch)).toEqual({ a: { b: 1, c: [3], d: null, f: 'new' }, keep: true, extra: 1 })
  })

  it('changes neither input', () => {
    const target = { a: { b: 1 } }
    const patch = { a: { c: 2 } }
    deepMerge(target, patch)
    expect(target).toEqual({ a: { b: 1 } })
    expect(patch).toEqual({ a: { c: 2 } })
  })
})

describe('splitReplacedDeployment', () => {
  it('gives each node its dicts, the common element becomes the patch, unknown uids are dropped', () => {
    const body = [
      { uid: '1', role: 'controller', a: 1 },
      { uid: 'common', debug: true },
      { uid: 2, b: 2 },
      { uid: '1', role: 'cinder', c: 3 },
      { uid: '99', lost: true },
    ]
    const { common, perNode } = splitReplacedDeployment(body, [1, 2, 3])
    expect(common).toEqual({ debug: true })
    expect([...perNode]).toEqual([
      ['1', [body[0], body[3]]],
      ['2', [body[2]]],
      ['3', []],
    ])
  })

  it('accepts the {common, nodes} form', () => {
    const { common, perNode } = splitReplacedDeployment({ common: { x: 1 }, nodes: [{ uid: '3', y: 2 }] }, ['3'])
    expect(common).toEqual({ x: 1 })
    expect(perNode.get('3')).toEqual([{ uid: '3', y: 2 }])
  })

  it('rejects entries without a uid and bodies of another shape', () => {
    expect(() => splitReplacedDeployment([{ role: 'controller' }], [1])).toThrow("must be an object with a 'uid'")
    expect(() => splitReplacedDeployment({ field: 'new_info' }, [1])).toThrow('list of node entries')
    expect(() => splitReplacedDeployment({ nodes: {} }, [1])).toThrow("'nodes' a list")
  })
})

describe('splitReplacedProvisioning', () => {
  it('splits nodes per uid (first dict wins) and keeps the rest as the cluster part', () => {
    const body = {
      engine: { url: 'http://x' },
      nodes: [
        { uid: '1', a: 1 },
        { uid: '1', a: 2 },
        { uid: '5', b: 1 },
      ],
    }
    const { cluster, perNode } = splitReplacedProvisioning(body, [1, 2])
    expect(cluster).toEqual({ engine: { url: 'http://x' } })
    expect([...perNode]).toEqual([
      ['1', { uid: '1', a: 1 }],
      ['2', {}],
    ])
  })

  it('takes a body without nodes as a cluster-only replacement', () => {
    expect(splitReplacedProvisioning({ field: 'new_info' })).toEqual({
      cluster: { field: 'new_info' },
      perNode: new Map(),
    })
    expect(() => splitReplacedProvisioning([])).toThrow('must be an object')
  })
})

describe('mergeReplacedDeployment', () => {
  it('gives back the generated facts when they are replaced by themselves (split form round trip)', () => {
    const generated = serializeDeployment(threeNodeEnvironment())
    const { common, perNode } = splitReplacedDeployment(toSplitDeploymentInfo(generated), ['1', '2', '3'])
    expect(mergeReplacedDeployment(generated, common, perNode)).toStrictEqual(generated)
  })

  it('gives back the generated facts from the {common, nodes} form too', () => {
    const generated = serializeDeployment(threeNodeEnvironment())
    const body = JSON.parse(JSON.stringify(generated))
    const { common, perNode } = splitReplacedDeployment(body, ['1', '2', '3'])
    expect(mergeReplacedDeployment(generated, common, perNode)).toStrictEqual(generated)
  })

  it('patches common and uses a customized node verbatim, but never its tasks', () => {
    const generated = serializeDeployment(threeNodeEnvironment())
    const custom = { uid: '2', roles: ['compute'], fqdn: 'node-2.test.domain.local', tasks: [], custom: true }
    const merged = mergeReplacedDeployment(
      generated,
      { debug: true, access: { user: 'ops' } },
      new Map([['2', [custom]]]),
    )
    expect(merged.common).toMatchObject({ debug: true, access: { user: 'ops', tenant: 'admin' } })
    expect(merged.nodes[1]).toEqual({ ...custom, tasks: generated.nodes[1]?.tasks })
    expect(merged.nodes[0]).toBe(generated.nodes[0])
  })

  it('folds legacy per-role dicts into one entry with their roles', () => {
    const generated = serializeDeployment(threeNodeEnvironment())
    const dicts: JsonObject[] = [
      { uid: '3', role: 'cinder', fqdn: 'node-3.test.domain.local', storage: { a: 1 } },
      { uid: '3', role: 'compute', storage: { b: 2 } },
    ]
    const merged = mergeReplacedDeployment(generated, {}, new Map([['3', dicts]]))
    expect(merged.nodes[2]).toEqual({
      uid: '3',
      roles: ['cinder', 'compute'],
      fqdn: 'node-3.test.domain.local',
      storage: { a: 1, b: 2 },
      tasks: generated.nodes[2]?.tasks,
    })
  })
})

describe('mergeReplacedProvisioning', () => {
  it('replaces the cluster part but recomputes fault tolerance and pre-provision tasks', () => {
    const generated = serializeProvisioning(threeNodeEnvironment())
    const replaced = mergeReplacedProvisioning(
      generated,
      { engine: { url: 'http://other/cobbler_api' }, fault_tolerance: [] },
      new Map([['1', { uid: '1', custom: true }]]),
    )
    expect(replaced.engine).toEqual({ url: 'http://other/cobbler_api' })
    expect(replaced.fault_tolerance).toEqual(generated.fault_tolerance)
    expect(replaced.pre_provision).toEqual(generated.pre_provision)
    expect(replaced.nodes.map((node) => node.uid)).toEqual(['1', '2', '3'])
    expect(replaced.nodes[0]).toEqual({ uid: '1', custom: true })
  })

  it('is the generated facts when nothing is replaced', () => {
    const generated = serializeProvisioning(threeNodeEnvironment())
    expect(mergeReplacedProvisioning(generated, {}, new Map())).toStrictEqual(generated)
  })
})
