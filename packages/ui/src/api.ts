/**
 * The REST client: JSON in and out, the Keystone token from sessionStorage as X-Auth-Token, and a
 * 401 turned into a logout. Errors carry Nailgun's `message`.
 */
const TOKEN_KEY = 'nailgun.token'

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY)
  },
  set token(value: string | null) {
    if (value === null) sessionStorage.removeItem(TOKEN_KEY)
    else sessionStorage.setItem(TOKEN_KEY, value)
  },
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

let onUnauthorized: () => void = () => {}
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler
}

// biome-ignore lint/suspicious/noExplicitAny: API JSON is read loosely, as fuel-ui does
export type Json = any

export async function api(method: string, url: string, body?: unknown): Promise<Json> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (session.token) headers['x-auth-token'] = session.token
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await response.text()
  let data: Json
  try {
    data = text === '' ? null : JSON.parse(text)
  } catch {
    data = text
  }
  if (response.status === 401 && !url.startsWith('/keystone')) onUnauthorized()
  if (!response.ok) throw new ApiError(response.status, data?.message ?? `${method} ${url}: ${response.status}`)
  return data
}

export const get = (url: string) => api('GET', `/api/v1${url}`)
export const post = (url: string, body?: unknown) => api('POST', `/api/v1${url}`, body)
export const put = (url: string, body?: unknown) => api('PUT', `/api/v1${url}`, body)
export const del = (url: string) => api('DELETE', `/api/v1${url}`)

/** Logs in through the Keystone v2.0 API, as fuelclient and fuel-ui do; returns the token. */
export async function login(username: string, password: string): Promise<string> {
  const data = await api('POST', '/keystone/v2.0/tokens', {
    auth: { passwordCredentials: { username, password }, tenantName: 'admin' },
  })
  return data.access.token.id as string
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
