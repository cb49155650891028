/** The check-in baseline: a bare Fastify JSON route on the same machine, answering as the agent route does. */
import Fastify from 'fastify'

export async function startBaselineServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 })
  app.put('/api/nodes/agent', async (request) => ({ id: (request.body as { mac?: string }).mac?.length ?? 0 }))
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return { url: `${address}/api/nodes/agent`, close: () => app.close() }
}
