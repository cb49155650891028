import { describe, expect, it } from 'vitest'
import { relevantChanges } from '../src/node-events.js'
import { disk, node, TB_DISK } from './support/release-volumes.js'

describe('which node changes call for a new layout', () => {
  it('sees a role added or removed, pending or deployed', () => {
    const updated = node({ pendingRoles: ['compute', 'cinder'] })

    expect(relevantChanges(updated, { pendingRoles: { old: ['compute'], new: ['compute', 'cinder'] } })).toEqual({
      roles: true,
      cluster: false,
      disks: false,
    })
  })

  it('ignores a role moving from pending to deployed', () => {
    const deployed = node({ roles: ['compute'], pendingRoles: [] })
    const changes = { roles: { old: [], new: ['compute'] }, pendingRoles: { old: ['compute'], new: [] } }

    expect(relevantChanges(deployed, changes).roles).toBe(false)
  })

  it('sees the node joining or leaving an environment', () => {
    expect(relevantChanges(node({ clusterId: 3 }), { clusterId: { old: null, new: 3 } }).cluster).toBe(true)
  })

  it('sees a disk added, resized or moved, but not the same disks listed in another order', () => {
    const before = { disks: [disk('sda', TB_DISK), disk('sdb', TB_DISK)] }
    const reordered = { disks: [disk('sdb', TB_DISK), disk('sda', TB_DISK)] }
    const resized = { disks: [disk('sda', TB_DISK), disk('sdb', 2 * TB_DISK)] }
    const moved = { disks: [disk('sda', TB_DISK), disk('sdb', TB_DISK, { disk: 'disk/by-path/pci-0:0:0' })] }
    const memoryOnly = { ...before, memory: { total: 1 } }
    const disksChanged = (after: object) => relevantChanges(node(), { meta: { old: before, new: after } }).disks

    expect(disksChanged(reordered)).toBe(false)
    expect(disksChanged(memoryOnly)).toBe(false)
    expect(disksChanged(resized)).toBe(true)
    expect(disksChanged(moved)).toBe(true)
    expect(disksChanged({ disks: [...before.disks, disk('sdc', TB_DISK)] })).toBe(true)
  })

  it('sees nothing in a change of name or status', () => {
    const changes = { name: { old: 'a', new: 'b' }, status: { old: 'discover', new: 'error' } }

    expect(relevantChanges(node(), changes)).toEqual({ roles: false, cluster: false, disks: false })
  })
})
