/**
 * The deterministic order: topological over requires/after/before, ties by name, never by
 * discovery order; cycles spelled out; a missing requirement named; each position explained.
 */
import { BaseExtension } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import { loadExtensions } from '../../src/extensions/load-extensions.js'
import { type OrderInput, orderExtensions } from '../../src/extensions/order.js'
import { captureLog } from './helpers.js'

const node = (name: string, rest: Partial<OrderInput> = {}): OrderInput => ({
  name,
  requires: [],
  after: [],
  before: [],
  ...rest,
})
const names = (inputs: OrderInput[]) => orderExtensions(inputs).map((e) => e.name)

describe('orderExtensions', () => {
  it('orders unconstrained extensions by name, whatever the input order', () => {
    expect(names([node('zeta'), node('alpha'), node('mid')])).toEqual(['alpha', 'mid', 'zeta'])
  })

  it('puts a required extension first, and `after` ones before', () => {
    expect(names([node('a', { requires: ['z'] }), node('z'), node('b', { after: ['c'] }), node('c')])).toEqual([
      'c',
      'b',
      'z',
      'a',
    ])
  })

  it('honours `before`, and ignores after/before naming extensions that are not installed', () => {
    expect(names([node('a'), node('z', { before: ['a', 'ghost'], after: ['phantom'] })])).toEqual(['z', 'a'])
  })

  it('says when a name tie-break decided between constrained extensions', () => {
    const order = orderExtensions([node('base'), node('b', { requires: ['base'] }), node('a', { requires: ['base'] })])
    expect(order[1]).toEqual({
      name: 'a',
      position: 1,
      reasons: ["after 'base': 'a' requires it", "before 'b' by name"],
    })
  })

  it('explains each position', () => {
    const order = orderExtensions([node('a', { requires: ['z'] }), node('z'), node('m', { before: ['a'] })])
    expect(order).toEqual([
      { name: 'm', position: 0, reasons: ['no ordering constraints (ties are broken by name)'] },
      { name: 'z', position: 1, reasons: ['no ordering constraints (ties are broken by name)'] },
      {
        name: 'a',
        position: 2,
        reasons: ["after 'z': 'a' requires it", "after 'm': 'm' lists 'a' in before"],
      },
    ])
  })

  it('spells a cycle out, from the smallest name', () => {
    expect(() => names([node('b', { requires: ['a'] }), node('a', { after: ['b'] })])).toThrow(
      'Extension order has a cycle: a -> b -> a (each must run after the next)',
    )
    expect(() =>
      names([
        node('c', { after: ['b'] }),
        node('b', { after: ['a'] }),
        node('a', { after: ['c'] }),
        node('d', { after: ['c'] }),
      ]),
    ).toThrow('Extension order has a cycle: a -> c -> b -> a')
  })

  it('names a missing requirement', () => {
    expect(() => names([node('a', { requires: ['network_manager'] })])).toThrow(
      "Extension 'a' requires 'network_manager', which is not installed",
    )
  })
})

function ext(name: string, fields: Partial<Pick<BaseExtension, 'requires' | 'after' | 'before'>> = {}) {
  class Ordered extends BaseExtension {
    readonly name = name
    readonly version = '1.0.0'
    readonly description = `extension ${name}`
  }
  return Object.assign(new Ordered(), fields)
}

describe('ordering while loading', () => {
  const load = (sources: BaseExtension[], skip = false) =>
    loadExtensions({ extensionsRoot: '/nonexistent', skipBrokenExtensions: skip }, captureLog(), {
      discover: false,
      sources,
    })

  it('installs in dependency order, not in the order given', async () => {
    const { installed } = await load([
      ext('volume', { requires: ['network'] }),
      ext('network'),
      ext('audit', { after: ['volume'] }),
    ])
    expect(installed.map((i) => i.extension.name)).toEqual(['network', 'volume', 'audit'])
  })

  it('stops start-up on a missing requirement, naming package, entry and the missing one', async () => {
    await expect(load([ext('volume', { requires: ['network'] })])).rejects.toThrow(
      "Extension Ordered of package (given): Extension 'volume' requires 'network', which is not installed",
    )
  })

  it('with skipBrokenExtensions drops the extension at fault and those that needed it', async () => {
    const { installed, failed } = await load(
      [
        ext('a', { requires: ['missing'] }),
        ext('b', { requires: ['a'] }),
        ext('c'),
        ext('x', { after: ['y'] }),
        ext('y', { after: ['x'] }),
      ],
      true,
    )
    expect(installed.map((i) => i.extension.name)).toEqual(['c'])
    expect(failed.map((f) => f.name)).toEqual(['a', 'b', 'x', 'y'])
    expect(failed[2]?.error).toContain('x -> y -> x')
  })
})
