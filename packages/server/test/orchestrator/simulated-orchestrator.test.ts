import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type OrchestratorResponse,
  SimulatedOrchestrator,
  type SimulatorOptions,
  STOPPED_ERROR,
} from '../../src/orchestrator/index.js'
import { expectMonotonic, expectSingleFinal, nodeOf } from './assertions.js'
import { deployMessage, largeDeployment, provisionMessage, stopMessage } from './messages.js'

function simulator(options: SimulatorOptions = {}) {
  const responses: OrchestratorResponse[] = []
  const sim = new SimulatedOrchestrator({
    stepMs: 0,
    steps: 3,
    ...options,
    emit: async (response) => {
      responses.push(response)
    },
  })
  const of = (uuid: string) => responses.filter((r) => r.args.task_uuid === uuid)
  return { sim, responses, of }
}

describe('simulated orchestrator', () => {
  it('sends one response per step for the whole task, whatever the number of nodes', async () => {
    const { sim, of } = simulator({ steps: 4 })
    const message = largeDeployment(1000)
    sim.accept([message])
    await sim.idle()
    const responses = of(message.args.task_uuid)
    expect(responses).toHaveLength(1 + 4 + 4 + 1)
    expect(responses.every((r) => r.args.nodes?.length === 1000)).toBe(true)
    expect(expectSingleFinal(responses).args.status).toBe('ready')
  })

  it('ignores a cast delivered again while it runs or after it ran', async () => {
    const { sim, of } = simulator()
    const message = provisionMessage(['1'])
    expect(sim.accept([message])).toBe(1)
    expect(sim.accept([message])).toBe(0)
    await sim.idle()
    expect(sim.accept([structuredClone(message)])).toBe(0)
    await sim.idle()
    expectSingleFinal(of(message.args.task_uuid))
  })

  it('answers an unknown method ready, echoing its nodes', async () => {
    const { sim, responses } = simulator()
    const nodes = [{ uid: '1', networks: [] }]
    sim.accept([
      {
        api_version: '1',
        method: 'verify_networks',
        respond_to: 'verify_networks_resp',
        args: { task_uuid: 'v', nodes },
      },
    ])
    await sim.idle()
    expect(responses).toEqual([
      { method: 'verify_networks_resp', args: { task_uuid: 'v', status: 'ready', progress: 100, nodes } },
    ])
  })

  it('stopping a task queued behind another of its cast stops the running one as well', async () => {
    const { sim, responses, of } = simulator({ stepMs: 5, steps: 100 })
    const provision = provisionMessage(['1'])
    const deploy = deployMessage([{ uid: '1', role: 'controller' }])
    sim.accept([provision, deploy])
    sim.accept([stopMessage(deploy.args.task_uuid, ['1'])])
    await sim.idle()
    expect(expectSingleFinal(of(provision.args.task_uuid)).args).toMatchObject({
      status: 'error',
      error: STOPPED_ERROR,
    })
    expect(of(deploy.args.task_uuid)).toEqual([
      {
        method: 'deploy_resp',
        args: { task_uuid: deploy.args.task_uuid, status: 'error', progress: 100, error: STOPPED_ERROR },
      },
    ])
    expect(responses.at(-1)?.method).toBe('stop_deployment_resp')
  })

  it('sends nothing more once closed', async () => {
    const { sim, responses } = simulator({ stepMs: 5, steps: 100 })
    sim.accept([provisionMessage(['1'])])
    await new Promise((resolve) => setTimeout(resolve, 20))
    await sim.close()
    const count = responses.length
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(responses.length).toBe(count)
    expect(() => sim.accept([provisionMessage(['2'])])).toThrow(/closed/)
  })

  it('keeps progress monotonic and ends with one final response naming every failed node', async () => {
    const uid = fc.integer({ min: 1, max: 12 }).map(String)
    const scenario = fc.record({
      nodes: fc.uniqueArray(fc.record({ uid, role: fc.constantFrom('controller', 'compute', 'cinder') }), {
        minLength: 1,
        maxLength: 8,
        selector: (n) => `${n.uid}/${n.role}`,
      }),
      steps: fc.integer({ min: 1, max: 6 }),
      failing: fc.uniqueArray(uid, { maxLength: 3 }),
    })
    await fc.assert(
      fc.asyncProperty(scenario, async ({ nodes, steps, failing }) => {
        const failures = failing.map((u) => ({ uid: u, stage: 'deploy' as const, message: `boom ${u}` }))
        const { sim, responses } = simulator({ steps, failures })
        const message = deployMessage(nodes)
        sim.accept([message])
        await sim.idle()
        expectMonotonic(responses)
        const final = expectSingleFinal(responses)
        const failed = [...new Set(nodes.map((n) => n.uid))].filter((u) => failing.includes(u))
        expect(final.args.status).toBe(failed.length > 0 ? 'error' : 'ready')
        for (const u of failed) {
          expect(final.args.error).toContain(`node '${u}': boom ${u}`)
          expect(nodeOf(final, u)).toMatchObject({ status: 'error', error_type: 'deploy', progress: 100 })
        }
      }),
      { numRuns: 60 },
    )
  })
})
