/**
 * The standalone orchestrator (`nailgun orchestrator`): Astute's place on the broker, backed by the
 * simulated orchestrator. It consumes casts from the `naily` queue and publishes every response to
 * the `nailgun` exchange on a confirm channel.
 *
 * Delivery semantics:
 * - A cast is acked once the simulation has accepted it. Until then it is delivered at least once
 *   (a crash or a lost connection returns it to the queue); a cast delivered again while its tasks
 *   run or just finished is recognised by task uuid and ignored.
 * - After the ack the simulation lives in this process only: if the worker dies mid-task, that
 *   task gets no further response (as with a real Astute restart) and Nailgun must time it out.
 * - Each response is retried until the broker confirms it (waiting through reconnections), and
 *   the task's next step waits for that, so responses are at least once and in order per task.
 */
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib'
import { AmqpLink } from './amqp-link.js'
import { type AmqpNamesOptions, NAILGUN_ROUTING_KEY, resolveAmqpNames } from './amqp-names.js'
import { publishConfirmed } from './amqp-publish.js'
import { assertTopology } from './amqp-topology.js'
import { parseCast, parseJson } from './envelope.js'
import { type OrchestratorLog, silentLog } from './log.js'
import { retryUntilDone } from './retry.js'
import { SimulatedOrchestrator } from './simulated-orchestrator.js'
import type { OrchestratorResponse, SimulatorOptions, TransportHealth } from './types.js'

export interface OrchestratorWorkerOptions extends AmqpNamesOptions {
  url: string
  simulator?: SimulatorOptions
  /** Casts in flight per connection before they are accepted. */
  prefetch?: number
  connectAttempts?: number
  log?: OrchestratorLog
}

export interface OrchestratorWorker {
  /** Stops consuming, interrupts the simulations and closes the connection. */
  close(): Promise<void>
  health(): Promise<TransportHealth>
  /** Closes the broker connection as a broker restart would; the worker reconnects. A test hook. */
  dropConnection(): Promise<void>
}

interface WorkerSession {
  channels: Channel[]
  consumer: Channel
  publisher: ConfirmChannel
  consumerTag: string
}

/** How long one publish attempt waits for a connection before it counts as failed and is retried. */
const PUBLISH_WAIT_MS = 5_000

export async function startOrchestratorWorker(options: OrchestratorWorkerOptions): Promise<OrchestratorWorker> {
  const names = resolveAmqpNames(options)
  const log = options.log ?? silentLog
  const shutdown = new AbortController()
  // A cast can arrive, and its simulation publish, while the first connection is still being set up.
  let linkReady: Promise<AmqpLink<WorkerSession>> | null = null

  const publish = (response: OrchestratorResponse) =>
    retryUntilDone(
      async () => {
        const session = await (await linkReady!).waitForSession(PUBLISH_WAIT_MS)
        await publishConfirmed(session.publisher, names.nailgunExchange, NAILGUN_ROUTING_KEY, response)
      },
      shutdown.signal,
      { initialDelayMs: 100, maxDelayMs: 5_000 },
      (error, attempt) =>
        log.warn({ err: error, attempt, task_uuid: response.args.task_uuid }, 'Response not published; retrying'),
    )
  const simulator = new SimulatedOrchestrator({ ...options.simulator, log, emit: publish })

  const open = async (model: ChannelModel): Promise<WorkerSession> => {
    const publisher = await model.createConfirmChannel()
    await assertTopology(publisher, names)
    const consumer = await model.createChannel()
    await consumer.prefetch(options.prefetch ?? 16)
    const onCast = (message: ConsumeMessage | null) => acceptCast(consumer, message, simulator, shutdown.signal, log)
    const { consumerTag } = await consumer.consume(names.nailyQueue, onCast)
    return { channels: [publisher, consumer], consumer, publisher, consumerTag }
  }

  linkReady = AmqpLink.open({ url: options.url, log, connectAttempts: options.connectAttempts, open })
  const opened = await linkReady
  return {
    async close() {
      if (shutdown.signal.aborted) return
      shutdown.abort()
      const session = opened.session
      if (session) await session.consumer.cancel(session.consumerTag).catch(() => {})
      // Connection first: a publish waiting for a reconnection then gives up at once instead of
      // holding the shutdown; the simulations it belonged to end without further responses.
      await opened.close()
      await simulator.close()
    },
    health: async () => (shutdown.signal.aborted ? { ok: false, detail: 'closed' } : opened.health()),
    dropConnection: () => opened.dropConnection(),
  }
}

function acceptCast(
  channel: Channel,
  message: ConsumeMessage | null,
  simulator: SimulatedOrchestrator,
  shutdown: AbortSignal,
  log: OrchestratorLog,
): void {
  if (message === null) {
    log.warn({}, 'RabbitMQ cancelled the orchestrator consumer')
    void channel.close().catch(() => {})
    return
  }
  // Left unacked while closing: the broker hands it to another worker or to the next start.
  if (shutdown.aborted) return
  const cast = parseCast(parseJson(message.content))
  try {
    if (typeof cast === 'string') {
      log.error({ problem: cast }, 'Dropping a malformed cast')
      channel.nack(message, false, false)
      return
    }
    const accepted = simulator.accept(cast)
    log.info({ tasks: cast.map((m) => `${m.method}:${m.args.task_uuid}`), accepted }, 'Cast accepted')
    channel.ack(message)
  } catch (error) {
    log.debug({ err: error }, 'Could not settle a cast; the broker will deliver it again')
  }
}
