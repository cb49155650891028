import { randomBytes } from 'node:crypto'
import { connect } from 'amqplib'
import { afterEach, describe, expect, it } from 'vitest'
import { AmqpTransport, resolveAmqpNames, runOrchestratorWorker, silentLog } from '../../src/orchestrator/index.js'
import { type AmqpHarness, amqpHarness, TEST_AMQP_URL } from './amqp-harness.js'
import { expectMonotonic, expectSingleFinal } from './assertions.js'
import { largeDeployment, provisionMessage } from './messages.js'
import { gate, ResponseRecorder } from './response-recorder.js'
import { runTransportContract } from './transport-contract.js'

runTransportContract('amqp', (simulator) => amqpHarness(simulator))

describe('amqp transport', () => {
  let harness: AmqpHarness | null = null
  let recorder: ResponseRecorder

  async function open(...args: Parameters<typeof amqpHarness>): Promise<AmqpHarness> {
    harness = await amqpHarness(...args)
    recorder = new ResponseRecorder()
    await harness.transport.start(recorder.handler)
    return harness
  }

  afterEach(async () => {
    await harness?.dispose()
    harness = null
  })

  it('delivers again a response whose handler was running when the connection dropped', async () => {
    const { transport } = await open({ stepMs: 1, steps: 3 })
    const message = provisionMessage(['1', '2'])
    const dropped = gate()
    const held = gate()
    let first = true
    recorder.intercept = async (response) => {
      if (response.args.status === 'ready' && first) {
        first = false
        await transport.dropConnection()
        dropped.open()
        await held.promise
      }
    }
    await transport.cast([message])
    await dropped.promise
    expect((await transport.health()).ok).toBe(false)
    held.open()
    const final = await recorder.final(message.args.task_uuid)
    await recorder.until(() => recorder.seenCount(final) >= 2)
    expect(recorder.seenCount(final)).toBe(2)
    expectSingleFinal(recorder.appliedFor(message.args.task_uuid))
    expect((await transport.health()).ok).toBe(true)
  })

  it('holds a cast made while the connection is down until it is back', async () => {
    const { transport } = await open({ stepMs: 1, steps: 2 })
    await transport.dropConnection()
    expect((await transport.health()).ok).toBe(false)
    const message = provisionMessage(['1'])
    await transport.cast([message])
    expect((await recorder.final(message.args.task_uuid)).args.status).toBe('ready')
  })

  it('keeps a deployment going when the worker loses its connection mid-way', async () => {
    const { transport, worker } = await open({ stepMs: 5, steps: 20 })
    const message = provisionMessage(['1', '2', '3'])
    await transport.cast([message])
    await recorder.until(() => recorder.appliedFor(message.args.task_uuid).length >= 3)
    await worker!.dropConnection()
    const final = await recorder.final(message.args.task_uuid)
    expect(final.args.status).toBe('ready')
    expectMonotonic(recorder.appliedFor(message.args.task_uuid))
    expect(recorder.appliedFor(message.args.task_uuid)).toHaveLength(1 + 20 + 1)
  })

  it('keeps a cast published before any worker runs, and the worker picks it up', async () => {
    const h = await open({ stepMs: 1, steps: 2 }, { worker: false })
    const message = provisionMessage(['1'])
    await h.transport.cast([message])
    await h.startWorker()
    expect((await recorder.final(message.args.task_uuid)).args.status).toBe('ready')
  })

  it('publishes a cast as one persistent JSON message holding the list, to the naily exchange', async () => {
    const h = await open({}, { worker: false })
    const names = resolveAmqpNames({ prefix: h.prefix })
    const messages = [provisionMessage(['1']), provisionMessage(['2'])]
    await h.transport.cast(messages)
    const model = await connect(TEST_AMQP_URL)
    try {
      const channel = await model.createChannel()
      const got = await channel.get(names.nailyQueue, { noAck: true })
      expect(got).not.toBe(false)
      if (got === false) return
      expect(got.fields).toMatchObject({ exchange: names.nailyExchange, routingKey: 'naily' })
      expect(got.properties).toMatchObject({ deliveryMode: 2, contentType: 'application/json' })
      expect(JSON.parse(got.content.toString())).toEqual(messages)
    } finally {
      await model.close()
    }
  })

  it('completes a 1,000-node deployment with one response per step carrying every node', async () => {
    const { transport } = await open({ stepMs: 0, steps: 5 })
    const message = largeDeployment(1000)
    await transport.cast([message])
    const final = await recorder.final(message.args.task_uuid)
    expect(final.args.status).toBe('ready')
    const responses = recorder.appliedFor(message.args.task_uuid)
    // Initial + 5 steps for the controllers + 5 for the others + final.
    expect(responses).toHaveLength(12)
    expect(responses.every((r) => r.args.nodes?.length === 1000)).toBe(true)
    expectMonotonic(responses)
  })

  it('runs the standalone worker (nailgun orchestrator) until it is told to stop', async () => {
    const h = await open({}, { worker: false })
    const stop = new AbortController()
    const running = runOrchestratorWorker({
      amqpUrl: TEST_AMQP_URL,
      simulatorStepMs: 1,
      logLevel: 'silent',
      prefix: h.prefix,
      simulator: { steps: 2 },
      log: silentLog,
      signal: stop.signal,
    })
    const message = provisionMessage(['1'])
    await h.transport.cast([message])
    expect((await recorder.final(message.args.task_uuid)).args.status).toBe('ready')
    stop.abort()
    await running
  })

  it('refuses to start with a clear error, without the password, when the broker is unreachable', async () => {
    const prefix = `ng-test-${randomBytes(6).toString('hex')}`
    const transport = new AmqpTransport({ url: 'amqp://guest:s3cret@127.0.0.1:1', prefix, connectAttempts: 1 })
    const failure = transport.start(async () => {})
    await expect(failure).rejects.toThrow(/Cannot connect to RabbitMQ at amqp:\/\/guest:\*\*\*@127\.0\.0\.1:1/)
    await expect(failure).rejects.not.toThrow(/s3cret/)
    await transport.close()
  })
})
