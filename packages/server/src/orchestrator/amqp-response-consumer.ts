/**
 * The API side's consumer of orchestrator responses (the `nailgun` queue), with manual acks:
 * - a delivery is acked only after the handler resolved, i.e. after the change was committed;
 * - when the handler rejects, the delivery is nacked with requeue after a delay (no hot loop), and
 *   the task's later deliveries already received are requeued with it, so that RabbitMQ, which puts
 *   requeued messages back at their original place, hands them over again in their original order;
 * - deliveries of a dead channel are left alone: the broker redelivers them on the next connection.
 *
 * Delivery is therefore at least once: a handler that committed just before the connection died
 * sees the response again. With several API processes on one queue (competing consumers), order
 * across processes is not guaranteed either; handlers must apply responses idempotently.
 */
import { setTimeout as delay } from 'node:timers/promises'
import type { Channel, ConsumeMessage } from 'amqplib'
import { parseJson, parseResponse } from './envelope.js'
import type { KeyedLanes } from './keyed-lanes.js'
import type { OrchestratorLog } from './log.js'
import type { OrchestratorResponse, ResponseHandler } from './types.js'

export interface ConsumerSettings {
  handler: ResponseHandler
  log: OrchestratorLog
  /** Delay before a rejected response is requeued, in ms. */
  nackDelayMs: number
  /** Aborted when the transport closes: queued deliveries are left to the broker. */
  shutdown: AbortSignal
}

/** The consuming side of one connection. */
export class ResponseConsumer {
  private open = true
  private lastTag = 0
  /** task uuid → deliveries of that task up to this tag are requeued without being applied. */
  private readonly requeueUpTo = new Map<string, number>()

  constructor(
    readonly channel: Channel,
    private readonly lanes: KeyedLanes,
    private readonly settings: ConsumerSettings,
  ) {
    channel.once('close', () => {
      this.open = false
    })
  }

  /** The amqplib consume callback. */
  onDelivery(message: ConsumeMessage | null): void {
    if (message === null) {
      // The broker cancelled the consumer (queue deleted): recycling the connection re-declares it.
      this.settings.log.warn({}, 'RabbitMQ cancelled the response consumer')
      void this.channel.close().catch(() => {})
      return
    }
    this.lastTag = Math.max(this.lastTag, message.fields.deliveryTag)
    const response = parseResponse(parseJson(message.content))
    if (typeof response === 'string') {
      // It can never be applied: requeueing it would loop forever.
      this.settings.log.error({ problem: response }, 'Dropping a malformed orchestrator response')
      this.settle(message, 'drop')
      return
    }
    this.lanes.enqueue(response.args.task_uuid, () => this.process(message, response))
  }

  private async process(message: ConsumeMessage, response: OrchestratorResponse): Promise<void> {
    if (!this.open || this.settings.shutdown.aborted) return
    const key = response.args.task_uuid
    const limit = this.requeueUpTo.get(key)
    if (limit !== undefined && message.fields.deliveryTag <= limit) return this.settle(message, 'requeue')
    this.requeueUpTo.delete(key)
    try {
      await this.settings.handler(response)
    } catch (error) {
      await this.retryLater(message, response, error)
      return
    }
    this.settle(message, 'ack')
  }

  private async retryLater(message: ConsumeMessage, response: OrchestratorResponse, error: unknown): Promise<void> {
    this.settings.log.warn(
      { err: error, task_uuid: response.args.task_uuid, method: response.method },
      'Applying an orchestrator response failed; it will be delivered again',
    )
    await delay(this.settings.nackDelayMs, undefined, { signal: this.settings.shutdown }).catch(() => {})
    // Everything of this task received so far came after this message: it goes back with it.
    this.requeueUpTo.set(response.args.task_uuid, this.lastTag)
    this.settle(message, 'requeue')
  }

  private settle(message: ConsumeMessage, how: 'ack' | 'requeue' | 'drop'): void {
    if (!this.open) return
    try {
      if (how === 'ack') this.channel.ack(message)
      else this.channel.nack(message, false, how === 'requeue')
    } catch (error) {
      // The channel closed meanwhile: the broker requeued the message itself.
      this.settings.log.debug({ err: error }, 'Could not settle a delivery on a closed channel')
    }
  }
}
