import { describe, expect, it } from 'vitest'
import { putBack, setAside } from '../../src/extensions/customized-facts.js'

describe('setting replaced facts aside', () => {
  const isReplaced = (uid: string) => uid === 'b' || uid === 'd'

  it('splits the items and puts the removed ones back at their positions', () => {
    const aside = setAside(['a', 'b', 'c', 'd'], isReplaced)
    expect(aside).toEqual({
      kept: ['a', 'c'],
      removed: [
        { index: 1, item: 'b' },
        { index: 3, item: 'd' },
      ],
    })
    expect(putBack(aside.kept, aside.removed)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('appends them when the pipelines shortened the list, and keeps what they added in between', () => {
    const aside = setAside(['a', 'b', 'c', 'd'], isReplaced)
    expect(putBack([], aside.removed)).toEqual(['b', 'd'])
    expect(putBack(['a', 'x', 'c'], aside.removed)).toEqual(['a', 'b', 'x', 'd', 'c'])
  })
})
