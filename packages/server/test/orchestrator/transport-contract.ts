/**
 * The behaviour every orchestrator transport must show, run against each implementation with the
 * simulated orchestrator behind it. `makeTransport` builds a transport (and whatever serves it)
 * for the given simulation; `dispose` stops all of it and removes what it created.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { OrchestratorTransport, SimulatorOptions } from '../../src/orchestrator/index.js'
import { expectMonotonic, expectSingleFinal, nodeOf } from './assertions.js'
import {
  deployMessage,
  provisionMessage,
  removeMessage,
  resetMessage,
  stopMessage,
  taskDeployMessage,
} from './messages.js'
import { ResponseRecorder } from './response-recorder.js'

export interface TransportHarness {
  transport: OrchestratorTransport
  dispose(): Promise<void>
}

export type MakeTransport = (simulator: SimulatorOptions) => Promise<TransportHarness>

const FAST: SimulatorOptions = { stepMs: 1, steps: 4 }

export function runTransportContract(name: string, makeTransport: MakeTransport): void {
  describe(`${name} transport contract`, () => {
    let harness: TransportHarness | null = null
    let recorder: ResponseRecorder

    async function open(simulator: SimulatorOptions = {}): Promise<OrchestratorTransport> {
      harness = await makeTransport({ ...FAST, ...simulator })
      recorder = new ResponseRecorder()
      await harness.transport.start(recorder.handler)
      return harness.transport
    }

    afterEach(async () => {
      await harness?.dispose()
      harness = null
    })

    it('provisions three nodes to provisioned with monotonic progress and one final ready', async () => {
      const transport = await open()
      const message = provisionMessage(['1', '2', '3'])
      await transport.cast([message])
      const final = await recorder.final(message.args.task_uuid)
      const responses = recorder.appliedFor(message.args.task_uuid)
      expect(expectSingleFinal(responses)).toBe(final)
      expectMonotonic(responses)
      expect(final).toMatchObject({ method: 'provision_resp', args: { status: 'ready', progress: 100 } })
      expect(final.args.nodes?.map((n) => [n.uid, n.status, n.progress])).toEqual([
        ['1', 'provisioned', 100],
        ['2', 'provisioned', 100],
        ['3', 'provisioned', 100],
      ])
      expect(responses.some((r) => nodeOf(r, '1')?.status === 'provisioning')).toBe(true)
      expect(responses.every((r) => r.args.nodes?.length === 3)).toBe(true)
    })

    it('deploys nodes with several roles each as one node, controllers first, ignoring master', async () => {
      const transport = await open()
      const message = deployMessage([
        { uid: '1', role: 'primary-controller' },
        { uid: '1', role: 'cinder' },
        { uid: '2', role: 'compute' },
        { uid: '2', role: 'ceph-osd' },
        { uid: '3', role: 'compute' },
      ])
      await transport.cast([message])
      const final = await recorder.final(message.args.task_uuid)
      const responses = recorder.appliedFor(message.args.task_uuid)
      expectSingleFinal(responses)
      expectMonotonic(responses)
      expect(final).toMatchObject({ method: 'deploy_resp', args: { status: 'ready', progress: 100 } })
      for (const response of responses) expect(response.args.nodes?.map((n) => n.uid)).toEqual(['1', '2', '3'])
      const controllerDone = responses.find((r) => nodeOf(r, '1')?.status === 'ready')!
      expect(nodeOf(controllerDone, '2')).toMatchObject({ status: 'deploying', progress: 0 })
      expect(final.args.nodes?.every((n) => n.status === 'ready' && n.progress === 100)).toBe(true)
    })

    it('deploys the nodes of a task graph (task_deploy)', async () => {
      const transport = await open()
      const message = taskDeployMessage(['4', '5'])
      await transport.cast([message])
      const final = await recorder.final(message.args.task_uuid)
      expect(final.args.status).toBe('ready')
      expect(final.args.nodes?.map((n) => [n.uid, n.status])).toEqual([
        ['4', 'ready'],
        ['5', 'ready'],
      ])
    })

    it('fails the task naming the node when a deployment failure is injected', async () => {
      const transport = await open({ failures: [{ uid: '2', stage: 'deploy', message: 'puppet run failed' }] })
      const message = deployMessage([
        { uid: '1', role: 'controller' },
        { uid: '2', role: 'compute' },
        { uid: '3', role: 'compute' },
      ])
      await transport.cast([message])
      const final = await recorder.final(message.args.task_uuid)
      expectMonotonic(recorder.appliedFor(message.args.task_uuid))
      expect(final.args).toMatchObject({ status: 'error', progress: 100 })
      expect(final.args.error).toContain("node '2'")
      expect(final.args.error).toContain('puppet run failed')
      expect(nodeOf(final, '2')).toMatchObject({
        status: 'error',
        error_type: 'deploy',
        error_msg: 'puppet run failed',
      })
      expect(nodeOf(final, '1')?.status).toBe('ready')
      expect(nodeOf(final, '3')?.status).toBe('ready')
    })

    it('aborts the rest of a cast when provisioning fails', async () => {
      const transport = await open({ failures: [{ uid: '1', stage: 'provision' }] })
      const provision = provisionMessage(['1', '2'])
      const deploy = deployMessage([
        { uid: '1', role: 'controller' },
        { uid: '2', role: 'compute' },
      ])
      await transport.cast([provision, deploy])
      const provisioned = await recorder.final(provision.args.task_uuid)
      expect(provisioned.args.status).toBe('error')
      expect(provisioned.args.error).toContain("node '1'")
      expect(nodeOf(provisioned, '1')).toMatchObject({ status: 'error', error_type: 'provision' })
      const deployed = await recorder.final(deploy.args.task_uuid)
      expect(deployed.args).toMatchObject({ status: 'error', error: 'Task aborted' })
      expect(recorder.appliedFor(deploy.args.task_uuid)).toHaveLength(1)
    })

    it('delivers a response again after the handler rejected it, without loss and in order', async () => {
      const transport = await open()
      const message = provisionMessage(['1', '2', '3'])
      let failed: unknown = null
      recorder.intercept = (response, attempt) => {
        const second = recorder.appliedFor(message.args.task_uuid).length === 1
        if (second && attempt === 1) {
          failed = response
          throw new Error('database is locked')
        }
      }
      await transport.cast([message])
      await recorder.final(message.args.task_uuid)
      const responses = recorder.appliedFor(message.args.task_uuid)
      expect(failed).not.toBeNull()
      expect(recorder.seenCount(failed as never)).toBeGreaterThanOrEqual(2)
      expect(responses[1]).toEqual(failed)
      // The initial response, one per step, the final one: nothing lost.
      expect(responses).toHaveLength(1 + (FAST.steps ?? 0) + 1)
      expectMonotonic(responses)
      expectSingleFinal(responses)
    })

    it('keeps the order of a task when later responses were already waiting behind a rejected one', async () => {
      const transport = await open({ stepMs: 0, steps: 6 })
      const message = provisionMessage(['1', '2'])
      let failing: unknown = null
      recorder.intercept = async (response) => {
        if (failing === null && recorder.appliedFor(message.args.task_uuid).length === 1) failing = response
        if (response === failing) {
          failing = undefined
          // A slow failure: meanwhile the rest of the task's responses arrive.
          await delay(100)
          throw new Error('deadlock detected')
        }
      }
      await transport.cast([message])
      await recorder.final(message.args.task_uuid)
      const responses = recorder.appliedFor(message.args.task_uuid)
      expect(responses.map((r) => r.args.progress)).toEqual([0, 17, 33, 50, 67, 83, 100, 100])
      expectSingleFinal(responses)
    })

    it('interrupts a running deployment on stop_deploy_task, then answers the stop', async () => {
      const transport = await open({ stepMs: 20, steps: 50 })
      const deploy = deployMessage([
        { uid: '1', role: 'controller' },
        { uid: '2', role: 'compute' },
      ])
      await transport.cast([deploy])
      await recorder.until(() => recorder.appliedFor(deploy.args.task_uuid).length >= 2)
      const stop = stopMessage(deploy.args.task_uuid, ['1', '2'])
      await transport.cast([stop])
      const stopped = await recorder.final(stop.args.task_uuid)
      const deployed = await recorder.final(deploy.args.task_uuid)
      expect(deployed.args.status).toBe('error')
      expect(deployed.args.error).toMatch(/stopped/)
      expect(nodeOf(deployed, '2')?.status).toBe('stopped')
      expect(nodeOf(deployed, '2')?.progress).toBeLessThan(100)
      expect(stopped).toMatchObject({
        method: 'stop_deployment_resp',
        args: {
          status: 'ready',
          progress: 100,
          stop_task_uuid: deploy.args.task_uuid,
          nodes: [{ uid: '1' }, { uid: '2' }],
        },
      })
      expect(recorder.applied.indexOf(deployed)).toBeLessThan(recorder.applied.indexOf(stopped))
      expectSingleFinal(recorder.appliedFor(deploy.args.task_uuid))
    })

    it('removes nodes, answering the receiver the message names', async () => {
      const transport = await open()
      const nodes = removeMessage(['7', '8'])
      const cluster = removeMessage(['9'], 'remove_cluster_resp')
      await transport.cast([nodes])
      await transport.cast([cluster])
      expect(await recorder.final(nodes.args.task_uuid)).toMatchObject({
        method: 'remove_nodes_resp',
        args: { status: 'ready', progress: 100, nodes: [{ uid: '7' }, { uid: '8' }] },
      })
      expect(await recorder.final(cluster.args.task_uuid)).toMatchObject({
        method: 'remove_cluster_resp',
        args: { status: 'ready', progress: 100, nodes: [{ uid: '9' }] },
      })
    })

    it('reports a node that failed removal in error_nodes and keeps it out of nodes', async () => {
      const transport = await open({ failures: [{ uid: '8', stage: 'remove', message: 'node is locked' }] })
      const message = removeMessage(['7', '8'])
      await transport.cast([message])
      const final = await recorder.final(message.args.task_uuid)
      expect(final.args).toMatchObject({
        status: 'error',
        nodes: [{ uid: '7' }],
        error_nodes: [{ uid: '8', status: 'error', error_type: 'deletion', error_msg: 'node is locked' }],
      })
      expect(final.args.error).toContain("node '8'")
    })

    it('resets an environment', async () => {
      const transport = await open()
      const message = resetMessage(['1', '2'])
      await transport.cast([message])
      expect(await recorder.final(message.args.task_uuid)).toMatchObject({
        method: 'reset_environment_resp',
        args: { status: 'ready', progress: 100, nodes: [{ uid: '1' }, { uid: '2' }] },
      })
    })

    it('rejects a malformed cast before sending anything', async () => {
      const transport = await open()
      await expect(transport.cast([])).rejects.toThrow(/at least one message/)
      const bad = { ...provisionMessage(['1']), respond_to: '' }
      await expect(transport.cast([bad])).rejects.toThrow(/respond_to/)
    })

    it('delivers nothing more after close(), and reports itself down', async () => {
      const transport = await open({ stepMs: 10, steps: 100 })
      const message = provisionMessage(['1', '2'])
      await transport.cast([message])
      await recorder.until(() => recorder.seen.length >= 2)
      expect((await transport.health()).ok).toBe(true)
      await transport.close()
      const count = recorder.seen.length
      await delay(100)
      expect(recorder.seen.length).toBe(count)
      expect(await transport.health()).toMatchObject({ ok: false })
      await transport.close()
      await expect(transport.cast([provisionMessage(['3'])])).rejects.toThrow(/not running/)
    })
  })
}
