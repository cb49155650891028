/**
 * Facts must grow linearly with the environment (Nailgun's grew as n²: 200 nodes ≈ 20 MB), and
 * serializing must be linear too. Sizes are measured in JSON bytes; the algorithm is checked by
 * counting how often the serializers read node properties, never by timing.
 */
import type { NodeObject } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import { serializeDeployment, serializeProvisioning } from '../../src/deployment/serializers/index.js'
import type { SerializerInput } from '../../src/deployment/serializers/types.js'
import { largeEnvironment } from './node-fixtures.js'

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value))
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length

function deploymentSizes(count: number) {
  const facts = serializeDeployment(largeEnvironment(count))
  const nodes = facts.nodes.map(bytes)
  return { total: bytes(facts), common: bytes(facts.common), mean: mean(nodes), max: Math.max(...nodes) }
}

/** The input with every node (and the node list) counting its property reads. */
function counting(input: SerializerInput): { input: SerializerInput; reads: () => number } {
  let reads = 0
  const handler: ProxyHandler<object> = {
    get(target, key, receiver) {
      reads++
      return Reflect.get(target, key, receiver)
    },
  }
  const nodes = input.nodes.map((node) => new Proxy(node, handler) as NodeObject)
  return { input: { ...input, nodes: new Proxy(nodes, handler) as NodeObject[] }, reads: () => reads }
}

function readsToSerialize(count: number): number {
  const { input, reads } = counting(largeEnvironment(count))
  serializeDeployment(input)
  serializeProvisioning(input)
  return reads()
}

describe('serializer scaling', () => {
  it('keeps stored deployment facts linear from 100 to 1,000 nodes', () => {
    const small = deploymentSizes(100)
    const large = deploymentSizes(1000)
    expect(large.total).toBeLessThanOrEqual(10.5 * small.total)
    expect(large.common).toBeLessThanOrEqual(10.5 * small.common)
    // A node entry does not grow with the environment (addresses may gain a digit or two).
    expect(large.mean).toBeLessThanOrEqual(1.02 * small.mean)
    expect(large.max).toBeLessThanOrEqual(1.02 * small.max)
  })

  it('keeps provisioning node facts the same size from 100 to 1,000 nodes', () => {
    const perNode = (count: number) => mean(serializeProvisioning(largeEnvironment(count)).nodes.map(bytes))
    expect(perNode(1000)).toBeLessThanOrEqual(1.02 * perNode(100))
  })

  it('reads each node a bounded number of times, so 10,000 nodes cost 10x what 1,000 do', () => {
    const thousand = readsToSerialize(1000)
    const tenThousand = readsToSerialize(10_000)
    // An O(n²) step (say, a search of the node list per node) would make this ratio about 100.
    expect(tenThousand).toBeLessThanOrEqual(10.5 * thousand)
    expect(tenThousand / 10_000).toBeLessThan(300)
  }, 120_000)
})
