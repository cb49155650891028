/**
 * A RabbitMQ connection that comes back by itself. amqplib's recovery reconnects the connection
 * but not the channels, so every (re)connection runs `open`, which declares the topology and
 * builds this side's channels and consumers: a "session". While reconnecting there is no session;
 * unacked deliveries of the dead one go back to their queue and are delivered again.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { type Channel, type ChannelModel, connect, type RecoveringChannelModel } from 'amqplib'
import { errors } from '../errors.js'
import { redactUrl } from './amqp-names.js'
import type { OrchestratorLog } from './log.js'
import type { TransportHealth } from './types.js'

/** What `open` builds on a connection. Its channels are watched: losing one recycles the connection. */
export interface LinkSession {
  readonly channels: readonly Channel[]
}

export interface AmqpLinkOptions<S extends LinkSession> {
  url: string
  open: (model: ChannelModel) => Promise<S>
  log: OrchestratorLog
  /** Connection attempts at start-up before giving up (the broker must be up to start). */
  connectAttempts?: number
  /** Longest delay between reconnection attempts, in ms. */
  maxReconnectDelayMs?: number
}

interface Current<S> {
  model: ChannelModel
  session: S
}

export class AmqpLink<S extends LinkSession> {
  private recovering: RecoveringChannelModel | null = null
  private current: Current<S> | null = null
  private readonly waiters = new Set<() => void>()
  private lastError: Error | null = null
  private state: 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed' = 'connecting'

  private constructor(private readonly options: AmqpLinkOptions<S>) {}

  /** Connects and opens the first session; rejects with a clear error when the broker is unreachable. */
  static async open<S extends LinkSession>(options: AmqpLinkOptions<S>): Promise<AmqpLink<S>> {
    const link = new AmqpLink(options)
    await link.connect()
    return link
  }

  get session(): S | null {
    return this.current?.session ?? null
  }

  /** The current session, waiting up to `timeoutMs` for a reconnection. */
  async waitForSession(timeoutMs: number): Promise<S> {
    const deadline = Date.now() + timeoutMs
    while (!this.current) {
      if (this.state === 'closed' || this.state === 'failed') throw this.unavailable()
      const left = deadline - Date.now()
      if (left <= 0) throw this.unavailable()
      await this.nextChange(left)
    }
    return this.current.session
  }

  health(): TransportHealth {
    const where = redactUrl(this.options.url)
    if (this.current) return { ok: true, detail: `connected to ${where}` }
    const why = this.lastError ? `: ${this.lastError.message}` : ''
    return { ok: false, detail: `${this.state} (${where})${why}` }
  }

  /** Closes the current connection as a broker restart would; the link reconnects. Also a test hook. */
  async dropConnection(): Promise<void> {
    await this.current?.model.close().catch(() => {})
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return
    this.state = 'closed'
    this.current = null
    this.wakeWaiters()
    await this.recovering?.close()
  }

  private async connect(): Promise<void> {
    const attempts = Math.max(1, this.options.connectAttempts ?? 3)
    try {
      this.recovering = await connect(this.options.url, {
        recovery: {
          initialDelay: 100,
          maxDelay: this.options.maxReconnectDelayMs ?? 5_000,
          initialMaxRetries: attempts - 1,
          setup: (model: ChannelModel) => this.setup(model),
        },
      })
    } catch (error) {
      this.state = 'failed'
      throw errors.unavailable(`Cannot connect to RabbitMQ at ${redactUrl(this.options.url)}: ${describe(error)}`)
    }
    this.watchRecovery(this.recovering)
  }

  private watchRecovery(recovering: RecoveringChannelModel): void {
    const { log } = this.options
    recovering.on('error', (error: Error) => log.warn({ err: error }, 'RabbitMQ connection error'))
    recovering.on('disconnect', (error: Error) => {
      this.lastError = error
      if (this.state !== 'closed') this.state = 'reconnecting'
      log.warn({ err: error }, 'RabbitMQ connection lost; reconnecting')
    })
    recovering.on('reconnect-scheduled', ({ attempt, error }: { attempt: number; error: Error }) => {
      this.lastError = error
      log.debug({ attempt, err: error }, 'RabbitMQ reconnection scheduled')
    })
    recovering.on('reconnect-failed', (error: Error) => {
      this.lastError = error
      this.state = 'failed'
      this.wakeWaiters()
      log.error({ err: error }, 'RabbitMQ reconnection abandoned')
    })
  }

  /** Runs on every (re)connection, before amqplib reports it connected. */
  private async setup(model: ChannelModel): Promise<void> {
    // Until amqplib binds its own listeners, an 'error' without a listener would crash the process.
    model.on('error', () => {})
    const session = await this.options.open(model)
    for (const channel of session.channels) this.watchChannel(model, channel)
    model.once('close', () => {
      if (this.current?.model !== model) return
      this.current = null
      if (this.state === 'connected') this.state = 'reconnecting'
    })
    this.current = { model, session }
    this.state = 'connected'
    this.lastError = null
    this.options.log.info({ url: redactUrl(this.options.url) }, 'Connected to RabbitMQ')
    this.wakeWaiters()
  }

  /** A channel can die alone (e.g. a precondition failure); recycling the connection rebuilds everything. */
  private watchChannel(model: ChannelModel, channel: Channel): void {
    channel.on('error', (error: Error) => {
      this.lastError = error
      this.options.log.warn({ err: error }, 'RabbitMQ channel error')
    })
    channel.on('close', () => {
      if (this.current?.model === model && this.state !== 'closed') void model.close().catch(() => {})
    })
  }

  private nextChange(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const abort = new AbortController()
      const wake = () => {
        abort.abort()
        this.waiters.delete(wake)
        resolve()
      }
      this.waiters.add(wake)
      delay(timeoutMs, undefined, { signal: abort.signal }).then(wake, () => {})
    })
  }

  private wakeWaiters(): void {
    for (const wake of [...this.waiters]) wake()
  }

  private unavailable(): Error {
    const why = this.lastError ? `: ${this.lastError.message}` : ''
    return errors.unavailable(`RabbitMQ at ${redactUrl(this.options.url)} is unavailable (${this.state})${why}`)
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name
  return String(error)
}
