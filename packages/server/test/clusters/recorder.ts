/**
 * A test extension that records every event it receives (name and arguments, in order) and can be
 * told to throw at one event, to prove the operation around it rolls back.
 */
import { BaseExtension, EVENT_NAMES, type EventName, NotAllowedError } from '@nailgun/extensions'

export interface Seen {
  event: EventName
  args: unknown[]
}

export class RecorderExtension extends BaseExtension {
  readonly version = '1.0.0'
  readonly description = 'Records the events it receives.'
  seen: Seen[] = []
  /** The event at which the next call throws (403, so the status shows it went through). */
  breakAt: EventName | undefined

  constructor(readonly name = 'recorder') {
    super()
    for (const event of EVENT_NAMES) {
      Object.defineProperty(this, event, {
        enumerable: true,
        value: (...args: unknown[]) => {
          this.seen.push({ event, args: args.slice(0, -1) })
          if (this.breakAt === event) throw new NotAllowedError('NG_TEST_REFUSED', `refused at ${event}`)
        },
      })
    }
  }

  /** The names of the events seen since the last reset. */
  events(): EventName[] {
    return this.seen.map((s) => s.event)
  }

  reset(): void {
    this.seen = []
    this.breakAt = undefined
  }
}
