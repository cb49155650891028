import type { NodeObject } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import { nodeChange } from '../../src/deployment/receiver/node-state.js'

function node(fields: Partial<NodeObject>): NodeObject {
  return { status: 'provisioning', progress: 0, online: true, errorType: null, errorMsg: null, ...fields } as NodeObject
}

describe('a node report', () => {
  it('moves a node forward along provisioning → provisioned → deploying → ready', () => {
    expect(nodeChange(node({}), { uid: '1', status: 'provisioning', progress: 40 }, 'provision')?.fields).toEqual({
      status: 'provisioning',
      progress: 40,
    })
    const deploying = nodeChange(
      node({ status: 'provisioned', progress: 100 }),
      { uid: '1', status: 'deploying', progress: 10 },
      'deploy',
    )
    expect(deploying?.fields).toEqual({ status: 'deploying', progress: 10 })
  })

  it('is ignored when it would move the node back or lower its progress', () => {
    expect(
      nodeChange(
        node({ status: 'deploying', progress: 10 }),
        { uid: '1', status: 'provisioned', progress: 100 },
        'provision',
      ),
    ).toBeNull()
    expect(
      nodeChange(
        node({ status: 'provisioning', progress: 60 }),
        { uid: '1', status: 'provisioning', progress: 20 },
        'provision',
      ),
    ).toBeNull()
    expect(
      nodeChange(node({ status: 'ready', progress: 100 }), { uid: '1', status: 'deploying', progress: 90 }, 'deploy'),
    ).toBeNull()
  })

  it('keeps error and stopped final, whatever comes later', () => {
    const failed = node({ status: 'error', progress: 100, errorType: 'deploy', errorMsg: 'x' })
    expect(nodeChange(failed, { uid: '1', status: 'ready', progress: 100 }, 'deploy')).toBeNull()
    expect(nodeChange(node({ status: 'stopped' }), { uid: '1', status: 'error' }, 'deploy')).toBeNull()
  })

  it('records a failure once, with the reported type or the stage, and full progress', () => {
    const change = nodeChange(node({ progress: 30 }), { uid: '1', status: 'error', error_msg: 'no disk' }, 'provision')
    expect(change).toEqual({
      fields: { status: 'error', progress: 100, errorType: 'provision', errorMsg: 'no disk' },
      failed: true,
    })
    const typed = nodeChange(node({}), { uid: '1', status: 'error', error_type: 'deletion' }, 'deploy')
    expect(typed?.fields).toMatchObject({ errorType: 'deletion', errorMsg: 'Unknown error' })
  })

  it('copies the online flag and treats an offline node as done', () => {
    expect(nodeChange(node({ progress: 20 }), { uid: '1', online: false }, 'deploy')?.fields).toEqual({
      status: 'provisioning',
      progress: 100,
      online: false,
    })
  })
})
