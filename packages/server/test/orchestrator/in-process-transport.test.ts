import { InProcessTransport } from '../../src/orchestrator/index.js'
import { runTransportContract } from './transport-contract.js'

runTransportContract('in-process', async (simulator) => {
  const transport = new InProcessTransport({ simulator, retry: { initialDelayMs: 5, maxDelayMs: 50 } })
  return { transport, dispose: () => transport.close() }
})
