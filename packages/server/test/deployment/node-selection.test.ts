import type { NodeObject } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import { nodesToDelete, nodesToDeploy, nodesToProvision } from '../../src/deployment/tasks/node-selection.js'

let nextId = 0
function node(fields: Partial<NodeObject>): NodeObject {
  nextId++
  const base = { id: nextId, status: 'discover', roles: [], pendingRoles: ['compute'], pendingAddition: true }
  return { ...base, pendingDeletion: false, errorType: null, ...fields } as NodeObject
}

const ids = (nodes: NodeObject[]) => nodes.map((n) => n.id)

describe('node selection (Nailgun task helpers)', () => {
  const fresh = node({})
  const provisioned = node({ status: 'provisioned', pendingAddition: false, roles: ['compute'], pendingRoles: [] })
  const ready = node({ status: 'ready', pendingAddition: false, roles: ['controller'], pendingRoles: [] })
  const failedProvision = node({ status: 'error', errorType: 'provision', pendingAddition: false })
  const failedDeploy = node({
    status: 'error',
    errorType: 'deploy',
    pendingAddition: false,
    roles: ['compute'],
    pendingRoles: [],
  })
  const failedDeletion = node({ status: 'error', errorType: 'deletion', pendingAddition: false, roles: ['compute'] })
  const leaving = node({
    status: 'ready',
    pendingDeletion: true,
    pendingAddition: false,
    roles: ['compute'],
    pendingRoles: [],
  })
  const all = [leaving, failedDeletion, failedDeploy, failedProvision, ready, provisioned, fresh]

  it('deletes nodes pending deletion and those whose deletion failed, by id', () => {
    expect(ids(nodesToDelete(all))).toEqual([leaving.id, failedDeletion.id].sort((a, b) => a - b))
  })

  it('provisions new nodes and failed provisionings, never nodes that are leaving', () => {
    expect(ids(nodesToProvision(all))).toEqual([failedProvision.id, fresh.id].sort((a, b) => a - b))
  })

  it('deploys what is new, failed or only provisioned; with force, every node with roles that stays; never a leaving node', () => {
    const wanted = [failedDeploy, failedProvision, provisioned, fresh].map((n) => n.id).sort((a, b) => a - b)
    expect(ids(nodesToDeploy(all))).toEqual(wanted)
    expect(ids(nodesToDeploy(all, true))).toEqual([...wanted, ready.id].sort((a, b) => a - b))
  })
})
