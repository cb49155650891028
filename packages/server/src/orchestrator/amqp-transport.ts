/**
 * The broker transport, Nailgun's original wire protocol: each cast is published as one persistent
 * JSON message (the list of messages) to the durable `naily` exchange on a confirm channel, and
 * responses `{method, args}` are consumed from the durable `nailgun` queue (see
 * amqp-response-consumer.ts for acknowledgement and ordering). The orchestrator is a separate
 * process: a real Astute or `nailgun orchestrator` (amqp-worker.ts).
 */
import { setTimeout as delay } from 'node:timers/promises'
import type { Channel, ChannelModel, ConfirmChannel } from 'amqplib'
import { errors } from '../errors.js'
import { AmqpLink } from './amqp-link.js'
import { type AmqpNames, type AmqpNamesOptions, NAILY_ROUTING_KEY, resolveAmqpNames } from './amqp-names.js'
import { publishConfirmed } from './amqp-publish.js'
import { ResponseConsumer } from './amqp-response-consumer.js'
import { assertTopology } from './amqp-topology.js'
import { assertCast } from './envelope.js'
import { KeyedLanes } from './keyed-lanes.js'
import { type OrchestratorLog, silentLog } from './log.js'
import type { OrchestratorMessage, OrchestratorTransport, ResponseHandler, TransportHealth } from './types.js'

export interface AmqpTransportOptions extends AmqpNamesOptions {
  url: string
  /** Responses in flight per connection. */
  prefetch?: number
  /** Delay before a response whose handler rejected is requeued, in ms. */
  nackDelayMs?: number
  /** How long a cast waits for a (re)connection and a confirm before failing, in ms. */
  publishTimeoutMs?: number
  /** Connection attempts at start-up. */
  connectAttempts?: number
  log?: OrchestratorLog
}

interface ApiSession {
  channels: Channel[]
  publisher: ConfirmChannel
  consumer: ResponseConsumer
  consumerTag: string
}

export class AmqpTransport implements OrchestratorTransport {
  readonly kind = 'amqp'
  readonly names: AmqpNames
  private link: AmqpLink<ApiSession> | null = null
  private started = false
  private readonly lanes = new KeyedLanes()
  private readonly shutdown = new AbortController()
  private readonly log: OrchestratorLog

  constructor(private readonly options: AmqpTransportOptions) {
    this.names = resolveAmqpNames(options)
    this.log = options.log ?? silentLog
  }

  async start(onResponse: ResponseHandler): Promise<void> {
    if (this.started || this.shutdown.signal.aborted) throw new Error('The AMQP transport was already started')
    this.started = true
    const link = await AmqpLink.open({
      url: this.options.url,
      log: this.log,
      connectAttempts: this.options.connectAttempts,
      open: (model) => this.openSession(model, onResponse),
    })
    this.link = link
    // close() ran while connecting: it could not close what did not exist yet.
    if (this.shutdown.signal.aborted) await link.close()
  }

  /**
   * Publishes one cast. While disconnected it waits for the reconnection; a publish the broker did
   * not confirm is sent again. Past `publishTimeoutMs` it fails with NG_ERR_UNAVAILABLE. Sending
   * twice is harmless: the orchestrator ignores a task it already has.
   */
  async cast(messages: OrchestratorMessage[]): Promise<void> {
    assertCast(messages)
    const link = this.running()
    const deadline = Date.now() + (this.options.publishTimeoutMs ?? 10_000)
    for (let attempt = 1; ; attempt++) {
      const session = await link.waitForSession(deadline - Date.now())
      try {
        return await publishConfirmed(session.publisher, this.names.nailyExchange, NAILY_ROUTING_KEY, messages)
      } catch (error) {
        if (this.shutdown.signal.aborted || Date.now() >= deadline) {
          throw errors.unavailable(`Could not publish to RabbitMQ: ${(error as Error).message}`)
        }
        this.log.warn({ err: error, attempt }, 'Publishing to RabbitMQ failed; retrying')
        await delay(Math.min(1_000, 50 * attempt))
      }
    }
  }

  /** Stops consuming, lets the responses being applied finish, and closes the connection. */
  async close(): Promise<void> {
    if (this.shutdown.signal.aborted) return
    this.shutdown.abort()
    const session = this.link?.session
    if (session) await session.consumer.channel.cancel(session.consumerTag).catch(() => {})
    // Deliveries not yet applied stay unacked: closing the connection returns them to the queue.
    await this.lanes.drain()
    await this.link?.close()
  }

  async health(): Promise<TransportHealth> {
    if (this.shutdown.signal.aborted) return { ok: false, detail: 'closed' }
    return this.link?.health() ?? { ok: false, detail: 'not started' }
  }

  /** Closes the broker connection as a broker restart would; the transport reconnects. A test hook. */
  async dropConnection(): Promise<void> {
    await this.link?.dropConnection()
  }

  private running(): AmqpLink<ApiSession> {
    if (!this.link || this.shutdown.signal.aborted) throw new Error('The AMQP transport is not running')
    return this.link
  }

  private async openSession(model: ChannelModel, handler: ResponseHandler): Promise<ApiSession> {
    const publisher = await model.createConfirmChannel()
    await assertTopology(publisher, this.names)
    const channel = await model.createChannel()
    await channel.prefetch(this.options.prefetch ?? 32)
    const consumer = new ResponseConsumer(channel, this.lanes, {
      handler,
      log: this.log,
      nackDelayMs: this.options.nackDelayMs ?? 200,
      shutdown: this.shutdown.signal,
    })
    const { consumerTag } = await channel.consume(this.names.nailgunQueue, (message) => consumer.onDelivery(message))
    return { channels: [publisher, channel], publisher, consumer, consumerTag }
  }
}
