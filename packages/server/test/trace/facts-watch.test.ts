import { BaseExtension, type NailgunError } from '@nailgun/extensions'
import { describe, expect, it, vi } from 'vitest'
import { type FactsContract, factsContract } from '../../src/deployment/facts-contract/facts-contract.js'
import type { PipelineStageRecord } from '../../src/extensions/pipeline-runner.js'
import { FactsWatch } from '../../src/extensions/trace/facts-watch.js'

class Ext extends BaseExtension {
  readonly name = 'ext'
  readonly version = '2.0.0'
  readonly description = 'test'
}

const record = (method: string): PipelineStageRecord => ({
  stage: 'deployment',
  extension: 'ext',
  pipeline: 'P',
  method,
  calls: 1,
  durationMs: 0,
})

// Nothing is required: only the diff matters in these tests.
const lenient: FactsContract = { kind: 'deployment', checkEnvironment: () => [], checkNode: () => [] }
function log() {
  const logger = { warn: vi.fn(), info: vi.fn(), error: vi.fn(), debug: vi.fn(), child: () => logger }
  return logger
}

function facts(count: number) {
  return {
    common: { a: 1 },
    nodes: Array.from({ length: count }, (_, i) => ({ uid: String(i + 1), roles: ['compute'], n: { v: i } })),
  }
}

describe('facts watch', () => {
  it('diffs a per-node stage node by node, with /nodes/<index> paths, and skips unchanged nodes', () => {
    const watch = new FactsWatch({ contract: lenient, mode: 'off', trace: true, log: log() })
    const data = facts(3)
    watch.begin(data)
    ;(data.nodes[1] as Record<string, unknown>).extra = 'x'
    data.nodes[2]!.n.v = 9
    watch.after(record('processDeploymentForNode'), new Ext(), data)

    expect(watch.finish(data).stages[0]).toMatchObject({
      extension: 'ext',
      version: '2.0.0',
      patch: [
        { op: 'add', path: '/nodes/1/extra', value: 'x' },
        { op: 'replace', path: '/nodes/2/n/v', value: 9 },
      ],
    })
  })

  it('looks only at the environment part after a per-cluster stage', () => {
    const watch = new FactsWatch({ contract: lenient, mode: 'off', trace: true, log: log() })
    const data = facts(1)
    watch.begin(data)
    data.common.a = 2
    data.nodes[0]!.n.v = 5 // not the stage's to change: not looked at
    watch.after(record('processDeploymentForCluster'), new Ext(), data)

    expect(watch.finish(data).stages[0]?.patch).toEqual([{ op: 'replace', path: '/common/a', value: 2 }])
  })

  it('diffs the whole node list when a seed-style stage changed its length', () => {
    const watch = new FactsWatch({ contract: lenient, mode: 'off', trace: true, log: log() })
    const data = facts(2)
    watch.begin(data)
    data.nodes.pop()
    watch.after(record('processDeployment'), new Ext(), data)

    expect(watch.finish(data).stages[0]?.patch).toEqual([{ op: 'remove', path: '/nodes/1' }])
  })

  it('moves node paths to their places in the final facts when replaced nodes were set aside', () => {
    const watch = new FactsWatch({ contract: lenient, mode: 'off', trace: true, log: log() })
    const seen = { common: {}, nodes: [{ uid: '2' }] }
    watch.begin(seen)
    ;(seen.nodes[0] as Record<string, unknown>).x = 1
    watch.after(record('processDeploymentForNode'), new Ext(), seen)

    const final = { common: {}, nodes: [{ uid: '1' }, { uid: '2', x: 1 }] }
    expect(watch.finish(final).stages[0]?.patch).toEqual([{ op: 'add', path: '/nodes/1/x', value: 1 }])
  })

  it('reports only the violations a stage introduced, not those core left', () => {
    const logger = log()
    const watch = new FactsWatch({ contract: factsContract('deployment'), mode: 'report', trace: true, log: logger })
    const data = facts(2) // core's facts already lack common.deployment_id, network_scheme and tasks
    watch.begin(data)
    delete (data.nodes[0] as { uid?: string }).uid
    watch.after(record('processDeploymentForNode'), new Ext(), data)

    const trace = watch.finish(data)
    expect(trace.contract.coreViolations.map((v) => v.path)).toContain('/common/deployment_id')
    expect(trace.stages[0]?.contractViolations).toEqual([
      { path: '/nodes/0/uid', message: "must have required property 'uid'" },
    ])
    expect(logger.warn).toHaveBeenCalledOnce()
    expect(logger.warn.mock.calls[0]?.[1]).toMatch(
      /Extension 'ext' broke the deployment facts contract in P\.processDeploymentForNode: \/nodes\/0\/uid/,
    )
  })

  it('throws a coded error naming the extension, the pipeline and the path when enforced', () => {
    const watch = new FactsWatch({ contract: factsContract('deployment'), mode: 'enforce', trace: false, log: log() })
    const data = facts(1)
    watch.begin(data)
    data.nodes[0]!.roles = []

    let thrown: NailgunError | undefined
    try {
      watch.after(record('processDeploymentForNode'), new Ext(), data)
    } catch (error) {
      thrown = error as NailgunError
    }
    expect(thrown).toMatchObject({ code: 'NG_ERR_FACTS_CONTRACT', status: 500 })
    expect(thrown?.message).toContain(
      "Extension 'ext' broke the deployment facts contract in P.processDeploymentForNode",
    )
    expect(thrown?.errors).toEqual([
      expect.objectContaining({ extension: 'ext', pipeline: 'P', path: '/nodes/0/roles' }),
    ])
  })

  it('checks nothing with the contract off, and still diffs', () => {
    const logger = log()
    const watch = new FactsWatch({ contract: factsContract('deployment'), mode: 'off', trace: true, log: logger })
    const data = facts(1)
    watch.begin(data)
    delete (data.nodes[0] as { uid?: string }).uid
    watch.after(record('processDeploymentForNode'), new Ext(), data)

    const trace = watch.finish(data)
    expect(trace.stages[0]).not.toHaveProperty('contractViolations')
    expect(trace.stages[0]?.patch).toEqual([{ op: 'remove', path: '/nodes/0/uid' }])
    expect(trace.contract).toEqual({ mode: 'off', coreViolations: [] })
    expect(logger.warn).not.toHaveBeenCalled()
  })

  it("checks core's facts once when no extension ran", () => {
    const watch = new FactsWatch({ contract: factsContract('deployment'), mode: 'report', trace: true, log: log() })

    const trace = watch.finish({ common: {}, nodes: [{ uid: '1' }] })

    expect(trace.stages).toEqual([])
    expect(trace.contract.coreViolations.map((v) => v.path)).toEqual([
      '/common/deployment_id',
      '/common/network_metadata',
      '/nodes/0/roles',
      '/nodes/0/fqdn',
      '/nodes/0/network_scheme',
      '/nodes/0/tasks',
    ])
  })

  it('names a stage that replaced the node list by something else', () => {
    const watch = new FactsWatch({ contract: factsContract('provisioning'), mode: 'report', trace: true, log: log() })
    const data: Record<string, unknown> = { engine: {}, nodes: [] }
    watch.begin(data)
    data.nodes = 'none'
    watch.after({ ...record('processProvisioning'), stage: 'provisioning' }, new Ext(), data)

    const stage = watch.finish(data).stages[0]
    expect(stage?.patch).toEqual([{ op: 'replace', path: '/nodes', value: 'none' }])
    expect(stage?.contractViolations).toEqual([{ path: '/nodes', message: 'must be array' }])
  })
})
