/** Publishing JSON on a confirm channel and settling once the broker has taken responsibility. */
import type { ConfirmChannel } from 'amqplib'

/**
 * Publishes `body` as a persistent JSON message and resolves when the broker confirms it (for a
 * durable queue: once written to disk). Rejects when the broker nacks it or the channel closes first.
 */
export function publishConfirmed(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  body: unknown,
): Promise<void> {
  const content = Buffer.from(JSON.stringify(body))
  return new Promise((resolve, reject) => {
    // A closed channel throws synchronously; the executor turns that into a rejection.
    channel.publish(exchange, routingKey, content, { persistent: true, contentType: 'application/json' }, (error) =>
      error ? reject(error instanceof Error ? error : new Error(`Publish not confirmed: ${error}`)) : resolve(),
    )
  })
}
