import { describe, expect, it } from 'vitest'
import { Blame, resolvePointer } from '../../src/extensions/trace/blame.js'
import type { TraceStage } from '../../src/extensions/trace/trace-types.js'

function stage(extension: string, patch: TraceStage['patch'], method = 'processDeployment'): TraceStage {
  return {
    index: 0,
    stage: 'deployment',
    extension,
    version: '1.0.0',
    pipeline: 'P',
    method,
    calls: 1,
    durationMs: 0,
    patch,
  }
}

describe('blame', () => {
  it('names the last extension that set a field, and core for the untouched ones', () => {
    const blame = Blame.of([
      stage('a', [{ op: 'add', path: '/common/glance', value: { size: '1' } }]),
      stage('b', [{ op: 'replace', path: '/common/glance/size', value: '2' }]),
    ])

    expect(blame.explain('/common/glance/size')).toMatchObject({ setBy: 'b@1.0.0', at: '/common/glance/size' })
    expect(blame.explain('/common/glance')).toMatchObject({ setBy: 'a@1.0.0', at: '/common/glance' })
    expect(blame.explain('/common/glance/other')).toMatchObject({ setBy: 'a@1.0.0', at: '/common/glance' })
    expect(blame.explain('/common/fqdn')).toEqual({ pointer: '/common/fqdn', setBy: 'core' })
  })

  it('forgets what was recorded below a field a later stage replaced whole', () => {
    const blame = Blame.of([
      stage('a', [{ op: 'add', path: '/nodes/0/x/y', value: 1 }]),
      stage('b', [{ op: 'replace', path: '/nodes/0/x', value: { y: 2 } }]),
    ])

    expect(blame.toMaps()).toEqual({ blame: { '/nodes/0/x': 'b@1.0.0' }, removed: {} })
  })

  it('records removals apart, and a field set again after its removal', () => {
    const blame = Blame.of([
      stage('a', [{ op: 'remove', path: '/nodes/0/uid' }]),
      stage('b', [{ op: 'remove', path: '/common/k' }]),
      stage('c', [{ op: 'add', path: '/common/k', value: 1 }]),
    ])

    expect(blame.explain('/nodes/0/uid')).toMatchObject({ setBy: 'a@1.0.0', removed: true })
    expect(blame.toMaps()).toEqual({ blame: { '/common/k': 'c@1.0.0' }, removed: { '/nodes/0/uid': 'a@1.0.0' } })
  })

  it('escapes pointer segments as RFC 6901 says', () => {
    const blame = Blame.of([stage('a', [{ op: 'add', path: '/common/a~1b/c~0d', value: 1 }])])

    expect(Object.keys(blame.toMaps().blame)).toEqual(['/common/a~1b/c~0d'])
    expect(blame.explain('/common/a~1b/c~0d/e').setBy).toBe('a@1.0.0')
    expect(resolvePointer({ 'a/b': { 'c~d': 5 } }, '/a~1b/c~0d')).toEqual({ found: true, value: 5 })
  })

  it('resolves pointers into arrays and objects, and misses what is not there', () => {
    const doc = { nodes: [{ uid: '1' }], common: {} }

    expect(resolvePointer(doc, '/nodes/0/uid')).toEqual({ found: true, value: '1' })
    expect(resolvePointer(doc, '/nodes/1')).toEqual({ found: false })
    expect(resolvePointer(doc, '/nodes/00')).toEqual({ found: false })
    expect(resolvePointer(doc, '')).toEqual({ found: true, value: doc })
    expect(() => resolvePointer(doc, 'nodes')).toThrow(/JSON pointer/)
  })
})
