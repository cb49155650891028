import { describe, expect, it } from 'vitest'
import { ApiClient, ApiError, ConnectionError } from '../../src/cli/client/api-client.js'

const answering = (status: number, body: string) =>
  (async () => new Response(body, { status, statusText: 'Bad Gateway' })) as unknown as typeof fetch

describe('ApiClient', () => {
  it('sends the token, prefixes /api/v1 and encodes the query', async () => {
    let seen: { url: string; headers: Record<string, string> } | undefined
    const fetchFn = (async (url: string, init: RequestInit) => {
      seen = { url, headers: init.headers as Record<string, string> }
      return new Response('[]', { status: 200 })
    }) as unknown as typeof fetch
    const client = new ApiClient({ baseUrl: 'http://h:8000/', token: 'tok', fetch: fetchFn })
    expect(await client.get('/nodes', { cluster_id: 3, skip: undefined })).toEqual([])
    expect(seen?.url).toBe('http://h:8000/api/v1/nodes?cluster_id=3')
    expect(seen?.headers['x-auth-token']).toBe('tok')
    expect(client.url('/keystone/v2.0/tokens')).toBe('http://h:8000/keystone/v2.0/tokens')
  })

  it("turns Nailgun's error body into an ApiError with its message and status", async () => {
    const client = new ApiClient({ baseUrl: 'http://h', fetch: answering(409, '{"message":"Name taken","errors":[]}') })
    const error = await client.get('/clusters').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 409, message: 'Name taken' })
  })

  it('keeps the status line and some text when the body is not JSON (a proxy error page)', async () => {
    const client = new ApiClient({ baseUrl: 'http://h', fetch: answering(502, '<html>upstream down</html>') })
    await expect(client.get('/clusters')).rejects.toThrow('502 Bad Gateway: <html>upstream down</html>')
  })

  it('reports an unreachable server as a ConnectionError naming the URL', async () => {
    const fetchFn = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
    }) as unknown as typeof fetch
    const client = new ApiClient({ baseUrl: 'http://h:1', fetch: fetchFn })
    const error = await client.get('/version').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect((error as Error).message).toContain('Cannot reach the Nailgun server at http://h:1: ECONNREFUSED')
  })
})
