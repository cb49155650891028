/**
 * Counts the messages an orchestrator transport casts and the responses it delivers, by method,
 * by wrapping it: the transports themselves stay unaware of metrics.
 * @module
 */
import type { OrchestratorTransport } from '../orchestrator/types.js'
import type { AppMetrics } from './metrics.js'

export function instrumentTransport(transport: OrchestratorTransport, metrics: AppMetrics): OrchestratorTransport {
  return {
    get kind() {
      return transport.kind
    },
    start: (onResponse) =>
      transport.start((response) => {
        metrics.orchestratorMessage('received', response.method)
        return onResponse(response)
      }),
    async cast(messages) {
      await transport.cast(messages)
      for (const message of messages) metrics.orchestratorMessage('sent', message.method)
    },
    close: () => transport.close(),
    health: () => transport.health(),
  }
}
