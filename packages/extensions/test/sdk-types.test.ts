import { BaseExtension, BasePipeline, type DeploymentFacts, type NodeObject } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'

// Compiling this file under strict TypeScript is half of the test: the seed's shapes must type-check.
class StampPipeline extends BasePipeline {
  static processDeployment(data: DeploymentFacts): DeploymentFacts {
    data.time_started = 'now'
    return data
  }
}

class InstanceHandlers extends BaseExtension {
  name = 'instance_handlers'
  version = '1.0.0'
  description = 'Handlers written as instance methods'
  dataPipelines = [StampPipeline]
  seen: number[] = []

  onNodeCreate(node: NodeObject): void {
    this.seen.push(node.id)
  }
}

describe('SDK base classes', () => {
  it('accepts event handlers written as instance methods and derives prefix and full name', () => {
    const ext = new InstanceHandlers()
    ext.onNodeCreate({ id: 7 } as NodeObject)
    expect(ext.seen).toEqual([7])
    expect(ext.tablePrefix()).toBe('instance_handlers_')
    expect(ext.fullName()).toBe('instance_handlers-1.0.0')
    expect(ext.toDict()).toEqual({
      name: 'instance_handlers',
      version: '1.0.0',
      description: 'Handlers written as instance methods',
      provides: [],
    })
  })

  it('lets a seed-style deployment pipeline set a top-level key', () => {
    const facts = StampPipeline.processDeployment({ common: {}, nodes: [] })
    expect(facts.time_started).toBe('now')
  })
})
