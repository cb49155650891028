import { InputError } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import { checkNodesDiskSpace } from '../src/deployment-check.js'
import { fakeContext } from './support/fake-context.js'
import { disk, node } from './support/release-volumes.js'

const small = { disks: [disk('sda', 8_000_000)], memory: { total: 2 * 1024 ** 3 } }

describe('deployment check', () => {
  it("lists every node about to be provisioned on too small disks, one line each, in Nailgun's words", async () => {
    const nodes = [
      node({ id: 1, name: 'node-1', clusterId: 7, pendingRoles: ['controller'], meta: small }),
      node({ id: 2, name: 'node-2', clusterId: 7, pendingRoles: ['compute'] }),
      node({ id: 3, name: 'node-3', clusterId: 7, pendingRoles: ['compute'], meta: small }),
    ]
    const { ctx } = fakeContext(nodes, [])

    const check = checkNodesDiskSpace(nodes, ctx)

    await expect(check).rejects.toThrow(InputError)
    await expect(check).rejects.toThrow(
      /^Node 'node-1' has insufficient disk space\nNode 'node-3' has insufficient disk space$/,
    )
  })

  it('leaves out nodes whose disks are already partitioned', async () => {
    const nodes = [
      node({ id: 1, clusterId: 7, status: 'ready', roles: ['controller'], meta: small }),
      node({ id: 2, clusterId: 7, status: 'error', errorType: 'deploy', roles: ['compute'], meta: small }),
    ]
    const { ctx } = fakeContext(nodes, [])

    await expect(checkNodesDiskSpace(nodes, ctx)).resolves.toBeUndefined()
  })

  it('checks the stored layout, so a layout shrunk below a minimum is caught on large disks', async () => {
    const shrunk = [
      {
        id: 'sda',
        type: 'disk',
        name: 'sda',
        size: 953869,
        extra: [],
        bootable: true,
        free_space: 900000,
        volumes: [
          { type: 'boot', size: 300 },
          { type: 'partition', name: 'Boot', mount: '/boot', file_system: 'ext2', size: 200 },
          { type: 'lvm_meta_pool', size: 64 },
          { type: 'pv', vg: 'os', size: 10064, lvm_meta_size: 64 },
          { type: 'pv', vg: 'vm', size: 43241, lvm_meta_size: 64 },
        ],
      },
    ]
    const nodes = [node({ id: 4, name: 'node-4', clusterId: 7, pendingRoles: ['compute'] })]
    const { ctx } = fakeContext(nodes, [{ node_id: 4, volumes: JSON.stringify(shrunk) }])

    await expect(checkNodesDiskSpace(nodes, ctx)).rejects.toThrow("Node 'node-4' has insufficient disk space")
  })
})
