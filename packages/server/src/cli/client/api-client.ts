/**
 * A small typed client of the Nailgun REST API: fetch-based, sends `X-Auth-Token`, turns Nailgun's
 * error body (`{"message": ..., "errors": [...]}`) into an ApiError carrying the status and message.
 */

// biome-ignore lint/suspicious/noExplicitAny: API objects are printed, not computed on
export type Json = Record<string, any>

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The server could not be reached at all. */
export class ConnectionError extends Error {
  constructor(url: string, cause: unknown) {
    super(`Cannot reach the Nailgun server at ${url}: ${causeText(cause)}. Is it running? (set --url or NAILGUN_URL)`)
    this.name = 'ConnectionError'
  }
}

function causeText(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))
}

export interface ApiClientOptions {
  baseUrl: string
  token?: string
  fetch?: typeof fetch
  /** Runs once, before the first request (e.g. checking that the server needs no token). */
  prepare?: (client: ApiClient) => Promise<void>
}

export type Query = Record<string, string | number | undefined>

export interface ApiResponse<T> {
  status: number
  body: T
}

export class ApiClient {
  readonly baseUrl: string
  token: string | undefined
  private readonly fetchFn: typeof fetch
  private prepare: ((client: ApiClient) => Promise<void>) | undefined

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.token = options.token
    this.fetchFn = options.fetch ?? fetch
    this.prepare = options.prepare
  }

  /** `path` is below `/api/v1` unless it starts with `/keystone` or `/api/`. */
  url(path: string, query: Query = {}): string {
    const prefix = path.startsWith('/keystone') || path.startsWith('/api/') ? '' : '/api/v1'
    const params = Object.entries(query).filter((e): e is [string, string | number] => e[1] !== undefined)
    const search = params.length ? `?${new URLSearchParams(params.map(([k, v]) => [k, String(v)]))}` : ''
    return `${this.baseUrl}${prefix}${path}${search}`
  }

  async request<T = Json>(
    method: string,
    path: string,
    body?: unknown,
    query?: Query,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const prepare = this.prepare
    this.prepare = undefined
    if (prepare) await prepare(this)
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders }
    if (this.token) headers['x-auth-token'] = this.token
    if (body !== undefined) headers['content-type'] = 'application/json'
    const url = this.url(path, query)
    let response: Response
    try {
      response = await this.fetchFn(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (error) {
      throw new ConnectionError(this.baseUrl, error)
    }
    const text = await response.text()
    const parsed = parseBody(text)
    if (!response.ok) throw new ApiError(response.status, errorMessage(response, parsed, text), parsed)
    return { status: response.status, body: parsed as T }
  }

  get<T = Json>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, undefined, query).then((r) => r.body)
  }
  post<T = Json>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.request<T>('POST', path, body, undefined, headers).then((r) => r.body)
  }
  put<T = Json>(path: string, body?: unknown, query?: Query): Promise<T> {
    return this.request<T>('PUT', path, body, query).then((r) => r.body)
  }
  delete<T = Json>(path: string, query?: Query): Promise<T> {
    return this.request<T>('DELETE', path, undefined, query).then((r) => r.body)
  }

  // The typed calls the commands use.
  version = () => this.get<{ auth_required: boolean; release: string; nailgun_ts?: string }>('/version')
  clusters = () => this.get<Json[]>('/clusters')
  cluster = (id: number) => this.get(`/clusters/${id}`)
  nodes = (clusterId?: number) => this.get<Json[]>('/nodes', { cluster_id: clusterId })
  node = (id: number) => this.get(`/nodes/${id}`)
  task = (id: number) => this.get(`/tasks/${id}`)
  tasks = (clusterId?: number) => this.get<Json[]>('/tasks', { cluster_id: clusterId })
  releases = () => this.get<Json[]>('/releases')
  extensions = () => this.get<Json[]>('/extensions')

  /** Keystone v2.0 login (tenant `admin`, as fuelclient); returns the token and its expiry. */
  async login(username: string, password: string): Promise<{ token: string; expires?: string }> {
    const body = await this.post('/keystone/v2.0/tokens', {
      auth: { passwordCredentials: { username, password }, tenantName: 'admin' },
    })
    return { token: body.access.token.id, expires: body.access.token.expires }
  }

  revoke = (token: string) => this.delete(`/keystone/v2.0/tokens/${encodeURIComponent(token)}`)
}

function parseBody(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function errorMessage(response: Response, body: unknown, text: string): string {
  const message = (body as { message?: unknown } | undefined)?.message
  if (typeof message === 'string' && message !== '') return message
  const keystone = (body as { error?: { message?: unknown } } | undefined)?.error?.message
  if (typeof keystone === 'string') return keystone
  return `${response.status} ${response.statusText}${text && typeof body === 'string' ? `: ${text.slice(0, 200)}` : ''}`
}
