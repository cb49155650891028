/**
 * The broker entities of the Nailgun ↔ Astute link. Defaults are the original names: Nailgun
 * publishes to the `naily` topic exchange (queue and routing key `naily`), Astute answers through
 * the `nailgun` topic exchange into the `nailgun` queue. A prefix gives a private set (tests, or
 * several installations sharing one broker).
 */

export interface AmqpNames {
  nailyExchange: string
  nailyQueue: string
  nailgunExchange: string
  nailgunQueue: string
}

export const NAILY_ROUTING_KEY = 'naily'
export const NAILGUN_ROUTING_KEY = 'nailgun'

export interface AmqpNamesOptions {
  /** Prepended as `<prefix>.naily` etc. */
  prefix?: string
  /** Explicit names; win over the prefix. */
  names?: Partial<AmqpNames>
}

export function resolveAmqpNames(options: AmqpNamesOptions = {}): AmqpNames {
  const name = (base: string) => (options.prefix ? `${options.prefix}.${base}` : base)
  return {
    nailyExchange: name('naily'),
    nailyQueue: name('naily'),
    nailgunExchange: name('nailgun'),
    nailgunQueue: name('nailgun'),
    ...options.names,
  }
}

/** The URL without its password, for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '<invalid AMQP URL>'
  }
}
