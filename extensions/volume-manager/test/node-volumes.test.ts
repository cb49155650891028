import { describe, expect, it } from 'vitest'
import { setDefaultNodeVolumes } from '../src/node-volumes.js'
import { fakeContext } from './support/fake-context.js'
import { node } from './support/release-volumes.js'

describe('storing the default layout', () => {
  it('turns a failure into an error notification instead of failing the node operation', async () => {
    const broken = node({ id: 5, name: 'node-5', clusterId: 7, pendingRoles: ['compute'] })
    const { ctx, notifications } = fakeContext([broken], [], { volumes: 'not a list' })

    await expect(setDefaultNodeVolumes(broken, ctx)).resolves.toBeUndefined()

    expect(notifications).toEqual([
      {
        topic: 'error',
        message:
          "Failed to generate volumes for node 'node-5': the release has no usable volumes_metadata (volumes, volumes_roles_mapping)",
        nodeId: 5,
        clusterId: 7,
      },
    ])
  })
})
