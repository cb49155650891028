/**
 * Declares the exchanges, queues and bindings. Both sides declare everything, so whichever starts
 * first, a message published before the other side consumes waits in its durable queue.
 */
import { type Channel, connect } from 'amqplib'
import { errors } from '../errors.js'
import { type AmqpNames, NAILGUN_ROUTING_KEY, NAILY_ROUTING_KEY, redactUrl } from './amqp-names.js'

export async function assertTopology(channel: Channel, names: AmqpNames): Promise<void> {
  // Topic exchanges, as Nailgun's kombu setup and Astute declare them: a different type would make
  // the broker refuse the declaration when the other side already created them.
  await channel.assertExchange(names.nailyExchange, 'topic', { durable: true })
  await channel.assertExchange(names.nailgunExchange, 'topic', { durable: true })
  await channel.assertQueue(names.nailyQueue, { durable: true })
  await channel.assertQueue(names.nailgunQueue, { durable: true })
  await channel.bindQueue(names.nailyQueue, names.nailyExchange, NAILY_ROUTING_KEY)
  await channel.bindQueue(names.nailgunQueue, names.nailgunExchange, NAILGUN_ROUTING_KEY)
}

/** Deletes the queues and exchanges (tests and uninstalls). Missing ones are fine. */
export async function deleteTopology(url: string, names: AmqpNames): Promise<void> {
  const model = await connect(url).catch((error: Error) => {
    throw errors.unavailable(`Cannot connect to RabbitMQ at ${redactUrl(url)}: ${error.message}`)
  })
  try {
    const channel = await model.createChannel()
    await channel.deleteQueue(names.nailyQueue)
    await channel.deleteQueue(names.nailgunQueue)
    await channel.deleteExchange(names.nailyExchange)
    await channel.deleteExchange(names.nailgunExchange)
  } finally {
    await model.close()
  }
}
