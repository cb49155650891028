import type { DeploymentFacts, JsonObject } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import {
  serializeDeployment,
  toLegacyDeploymentInfo,
  toSplitDeploymentInfo,
} from '../../src/deployment/serializers/index.js'
import { threeNodeEnvironment } from './node-fixtures.js'

/** Reference implementation: copy `a` deeply, then update it recursively with `b`. */
function dictMerge(a: JsonObject, b: JsonObject): JsonObject {
  const out = structuredClone(a)
  for (const [key, value] of Object.entries(b)) {
    const current = out[key]
    const bothObjects = [current, value].every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
    out[key] = bothObjects ? dictMerge(current as JsonObject, value as JsonObject) : structuredClone(value)
  }
  return out
}

function smallFacts(): DeploymentFacts {
  return {
    common: { deployment_id: 7, glance: { db_password: 'g' }, storage: { volumes_lvm: true }, roles: ['none'] },
    nodes: [
      { uid: '1', roles: ['controller'], fqdn: 'node-1.test.domain.local', glance: { image_cache_max_size: '0' } },
      { uid: '2', roles: ['compute'], fqdn: 'node-2.test.domain.local', storage: { volumes_lvm: false } },
    ],
  }
}

describe('legacy deployment info', () => {
  it('gives what a naive deep copy-and-merge (Nailgun dict_merge) of the generated facts gives', () => {
    const facts = serializeDeployment(threeNodeEnvironment())
    const expected = facts.nodes.map((node) => dictMerge(facts.common, node))
    expect(toLegacyDeploymentInfo(facts)).toStrictEqual(expected)
  })

  it('deep-merges common under each node, the node winning', () => {
    expect(toLegacyDeploymentInfo(smallFacts())).toEqual([
      {
        deployment_id: 7,
        glance: { db_password: 'g', image_cache_max_size: '0' },
        storage: { volumes_lvm: true },
        roles: ['controller'],
        uid: '1',
        fqdn: 'node-1.test.domain.local',
      },
      {
        deployment_id: 7,
        glance: { db_password: 'g' },
        storage: { volumes_lvm: false },
        roles: ['compute'],
        uid: '2',
        fqdn: 'node-2.test.domain.local',
      },
    ])
  })

  it('carries keys a pipeline put next to common and nodes', () => {
    const facts = { ...smallFacts(), plugins: [{ name: 'lma' }] } as DeploymentFacts
    expect(toLegacyDeploymentInfo(facts).map((entry) => entry.plugins)).toEqual([[{ name: 'lma' }], [{ name: 'lma' }]])
  })

  it('shares the untouched parts of common between entries unless asked to isolate them', () => {
    const facts = smallFacts()
    const shared = toLegacyDeploymentInfo(facts)
    expect(shared[0]?.storage).toBe(facts.common.storage)
    const isolated = toLegacyDeploymentInfo(facts, { isolate: true })
    ;(isolated[1]?.glance as JsonObject).db_password = 'changed'
    expect(isolated[0]?.glance).toEqual({ db_password: 'g', image_cache_max_size: '0' })
    expect(facts.common.glance).toEqual({ db_password: 'g' })
    expect(isolated[0]?.storage).not.toBe(facts.common.storage)
  })

  it('does not change the facts it merges', () => {
    const facts = smallFacts()
    const before = structuredClone(facts)
    toLegacyDeploymentInfo(facts)
    expect(facts).toEqual(before)
  })

  it('splits into the node entries as stored plus a common element', () => {
    const facts = smallFacts()
    const split = toSplitDeploymentInfo(facts)
    expect(split).toEqual([...facts.nodes, { ...facts.common, uid: 'common' }])
    expect(split.at(-1)?.uid).toBe('common')
  })

  it('keeps the split form linear in size, unlike the merged one', () => {
    const facts = serializeDeployment(threeNodeEnvironment())
    const common = JSON.stringify(facts.common).length
    const split = JSON.stringify(toSplitDeploymentInfo(facts)).length
    const merged = JSON.stringify(toLegacyDeploymentInfo(facts)).length
    expect(split).toBeLessThan(common + JSON.stringify(facts.nodes).length + 100)
    expect(merged).toBeGreaterThan(3 * common)
  })
})
