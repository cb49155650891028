/** The pure rules behind the settings routes: value checks per setting type, merging, generators. */
import type { JsonObject } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import { generateValues } from '../../src/domain/cluster/attribute-generators.js'
import { checkAttributesPatch, deepMerge } from '../../src/domain/cluster/attributes-validation.js'

const settings: JsonObject = {
  net: {
    metadata: { label: 'Net', enabled: true },
    mode: { type: 'radio', value: 'a', values: [{ data: 'a' }, { data: 'b' }] },
    mtu: { type: 'number', value: 1500, min: 576, max: 9000 },
    host: { type: 'text', value: 'x', regex: { source: '^[a-z]+$', error: 'Lowercase letters only' } },
    dns: { type: 'text_list', value: ['8.8.8.8'] },
    widget: { type: 'custom_repo_configuration', value: [] },
  },
}

const patch = (section: JsonObject) => ({ editable: { net: section } })
const check = (section: JsonObject) => () => checkAttributesPatch(patch(section), settings)

describe('settings patch rules', () => {
  it('accepts values of the right type within the limits', () => {
    const ok = { mode: { value: 'b' }, mtu: { value: 9000 }, host: { value: 'node' }, dns: { value: ['1.1.1.1'] } }
    expect(check(ok)()).toEqual({ net: ok })
    expect(check({ widget: { value: [{ name: 'repo' }] } })()).toBeDefined()
    expect(check({ metadata: { enabled: false } })()).toBeDefined()
  })

  it('refuses a choice outside the listed values', () => {
    expect(check({ mode: { value: 'c' } })).toThrow("Value of setting 'net.mode' should be one of: a, b")
  })

  it('refuses numbers out of range and non-numbers', () => {
    expect(check({ mtu: { value: 100 } })).toThrow('is below 576')
    expect(check({ mtu: { value: 10000 } })).toThrow('is above 9000')
    expect(check({ mtu: { value: '1500' } })).toThrow('should be a number')
  })

  it("checks text against the release's regex, which a patch cannot replace", () => {
    expect(check({ host: { value: 'Node1' } })).toThrow('net.host: Lowercase letters only')
    expect(check({ host: { value: 'Node1', regex: { source: '.*' } } })).toThrow(
      "'regex' of setting 'net.host' cannot be changed",
    )
  })

  it('refuses lists of anything but strings, and a non-boolean enabled flag', () => {
    expect(check({ dns: { value: [1] } })).toThrow('should be a list of strings')
    expect(check({ metadata: { enabled: 'yes' } })).toThrow("'net.metadata.enabled' should be a boolean")
  })

  it('merges objects key by key and replaces everything else', () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, e: 2 })).toEqual({
      a: { b: 1, c: [3] },
      d: 1,
      e: 2,
    })
    const merged = deepMerge({}, JSON.parse('{"__proto__": {"polluted": true}}'))
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('attribute generators', () => {
  it('generates passwords and hex strings of the requested length, and copies identical values', () => {
    const out = generateValues({
      a: { generator: 'password' },
      b: { generator: 'password', generator_arg: 8 },
      c: [{ generator: 'hexstring', generator_arg: '6' }],
      d: { generator: 'identical', generator_arg: 'same' },
      e: { generator: 'no_such_generator' },
    }) as JsonObject
    expect(out.a).toMatch(/^[A-Za-z0-9]{24}$/)
    expect(out.b).toMatch(/^[A-Za-z0-9]{8}$/)
    expect((out.c as string[])[0]).toMatch(/^[0-9a-f]{6}$/)
    expect(out.d).toBe('same')
    expect(out.e).toEqual({ generator: 'no_such_generator' })
  })
})
