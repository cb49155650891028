import { BaseExtension } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import { orderEnabled } from '../../src/extensions/enabled-order.js'

class Ext extends BaseExtension {
  version = '1.0.0'
  description = 'ordering fixture'
  constructor(
    readonly name: string,
    declared: { after?: string[]; before?: string[]; requires?: string[] } = {},
  ) {
    super()
    this.after = declared.after ?? []
    this.before = declared.before ?? []
    this.requires = declared.requires ?? []
  }
}

const order = (...extensions: Ext[]) =>
  orderEnabled(extensions.map((extension) => ({ extension }))).map((e) => e.extension.name)

describe('order of the enabled extensions of an environment', () => {
  it('keeps the environment order when nothing is declared', () => {
    expect(order(new Ext('zeta'), new Ext('alpha'), new Ext('mid'))).toEqual(['zeta', 'alpha', 'mid'])
  })

  it('moves an extension after the ones it declares `after` or `requires`', () => {
    expect(order(new Ext('logger', { after: ['volumes'] }), new Ext('other'), new Ext('volumes'))).toEqual([
      'other',
      'volumes',
      'logger',
    ])
    expect(order(new Ext('b', { requires: ['a'] }), new Ext('a'))).toEqual(['a', 'b'])
  })

  it('moves an extension before the ones it declares `before`', () => {
    expect(order(new Ext('a'), new Ext('b'), new Ext('first', { before: ['a'] }))).toEqual(['b', 'first', 'a'])
  })

  it('ignores declarations about extensions not enabled on the environment', () => {
    expect(order(new Ext('b', { after: ['absent'] }), new Ext('a'))).toEqual(['b', 'a'])
  })
})
