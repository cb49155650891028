import { InputError } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import { isDiskCheckRequired } from '../src/deployment-check.js'
import { checkDiskSpace, diskSpaceShortfalls } from '../src/layout/disk-space.js'
import { applySimpleEdits } from '../src/layout/simple-format.js'
import { defaultLayout } from '../src/layout/volume-layout.js'
import { disk, GB, input, TB_DISK } from './support/release-volumes.js'

describe('disk space check', () => {
  it('passes a node whose disks hold every volume at its minimum', () => {
    const needs = input(['controller'], [disk('sda', TB_DISK)])

    expect(diskSpaceShortfalls(defaultLayout(needs), needs)).toEqual([])
    expect(() => checkDiskSpace({ name: 'node-1' }, defaultLayout(needs), needs)).not.toThrow()
  })

  it("rejects an 8 MB disk with Nailgun's message", () => {
    const needs = input(['controller'], [disk('sda', 8_000_000)])

    const check = () => checkDiskSpace({ name: 'Untitled (aa:bb)' }, defaultLayout(needs), needs)

    expect(check).toThrow(InputError)
    expect(check).toThrow(/^Node 'Untitled \(aa:bb\)' has insufficient disk space$/)
  })

  it('rejects a ~1 GB compute node and says which volumes are short', () => {
    const needs = input(['compute'], [disk('sda', 1004886016)])

    expect(diskSpaceShortfalls(defaultLayout(needs), needs)).toEqual([
      'Disks hold 958MB but the installation needs at least 25076MB',
      "Volume group 'Base System' requires a minimum of 19456MB",
      "Volume group 'Virtual Storage' requires a minimum of 5120MB",
    ])
  })

  it('rejects a layout the user shrank below a minimum even though the disks are large', () => {
    const needs = input(['compute'], [disk('sda', TB_DISK)])
    const shrunk = applySimpleEdits(
      defaultLayout(needs),
      [
        {
          id: 'sda',
          volumes: [
            { name: 'os', size: 10_000 },
            { name: 'vm', size: 100_000 },
          ],
        },
      ],
      needs,
    )

    expect(diskSpaceShortfalls(shrunk, needs)).toEqual(["Volume group 'Base System' requires a minimum of 55296MB"])
  })

  it('counts the boot area of every non-empty disk', () => {
    // 20 GB: root 15 GB + swap 4 GB + one boot area fit; the minimum OS spread over two disks needs two.
    const needs = input(['base-os'], [disk('sda', 20 * GB)])

    expect(diskSpaceShortfalls(defaultLayout(needs), needs)).toEqual([])
  })
})

describe('which nodes are checked before deployment', () => {
  it.each([
    ['discover', null, true],
    ['error', 'provision', true],
    ['stopped', null, true],
    ['ready', null, false],
    ['deploying', null, false],
    ['provisioned', null, false],
    ['error', 'deploy', false],
    ['error', 'deletion', false],
  ] as const)('status %s with error type %s → %s', (status, errorType, expected) => {
    expect(isDiskCheckRequired({ status, errorType })).toBe(expected)
  })
})
