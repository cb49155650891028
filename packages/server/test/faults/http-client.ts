/**
 * The TestApp surface (get/post/put/patch/delete + headers) over real HTTP, so the test kit's
 * factories and deployment helpers drive a server running in another process.
 */
import type { TestApp, TestResponse } from '@nailgun/testing'

export function httpClient(baseUrl: string): TestApp {
  const headers: Record<string, string> = {}
  const call = async (method: string, url: string, body?: unknown): Promise<TestResponse> => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    let parsed: unknown
    try {
      parsed = text === '' ? undefined : JSON.parse(text)
    } catch {
      parsed = text
    }
    return { status: res.status, body: parsed, headers: Object.fromEntries(res.headers), text }
  }
  const unsupported = () => {
    throw new Error('not available over HTTP')
  }
  return {
    headers,
    get: (url: string) => call('GET', url),
    post: (url: string, body?: unknown) => call('POST', url, body),
    put: (url: string, body?: unknown) => call('PUT', url, body),
    patch: (url: string, body?: unknown) => call('PATCH', url, body),
    delete: (url: string) => call('DELETE', url),
    inject: unsupported,
    close: async () => {},
    get app(): never {
      return unsupported()
    },
  } as unknown as TestApp
}
