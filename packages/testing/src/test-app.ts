/**
 * `createTestApp`: an in-process Nailgun server on a fresh database, with `inject()` for HTTP.
 */
import {
  type App,
  type Config,
  type CreateAppOptions,
  createApp,
  type ExtensionSource,
  loadConfig,
} from '@nailgun/server'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { createTestDatabase, type TestDatabaseKind } from './databases.js'
import { createTestEnv, type TestEnv } from './env.js'

export interface TestAppOptions {
  database?: TestDatabaseKind
  /** Extra configuration (auth mode, orchestrator speed...). */
  config?: Partial<Config>
  /**
   * Extensions to install on the fresh database: package directories (with a `nailgun.extensions`
   * manifest, migrations beside the module), extension classes or instances. Default: none.
   *
   * @example
   * ```ts
   * const t = await createTestApp({ extensions: [path.join(import.meta.dirname, '..')] })
   * const u = await createTestApp({ extensions: [new MyExtension()] })
   * ```
   */
  extensions?: readonly ExtensionSource[]
  /**
   * Also install what is found under `config.extensionsRoot/node_modules`, as the server does.
   * Off by default so a test sees only the extensions it names.
   */
  discoverExtensions?: boolean
  /**
   * An orchestrator transport instead of the configured one: a simulator with injected failures,
   * or an AMQP transport on private exchange names. The app starts and closes it.
   */
  orchestrator?: CreateAppOptions['orchestrator']
}

export interface TestApp {
  app: App
  /** Sends a request in-process. JSON bodies may be given as objects. */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>
  /** GET/POST/PUT/DELETE shortcuts that parse the JSON answer. */
  get(url: string): Promise<TestResponse>
  post(url: string, body?: unknown): Promise<TestResponse>
  put(url: string, body?: unknown): Promise<TestResponse>
  patch(url: string, body?: unknown): Promise<TestResponse>
  delete(url: string): Promise<TestResponse>
  /** Headers sent with every request (e.g. X-Auth-Token). */
  headers: Record<string, string>
  /** Scenario factories: `createRelease`, `createCluster`, `createNode({roles})`, `deploy()`. */
  env: TestEnv
  /** The orchestrator transport answering deployments (in-process simulator unless given). */
  orchestrator: App['ctx']['orchestrator']
  close(): Promise<void>
}

export interface TestResponse {
  status: number
  body: any
  headers: Record<string, unknown>
  text: string
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.database ?? 'sqlite')
  const config = {
    ...loadConfig({}, {}),
    databaseUrl: database.url,
    logLevel: 'silent',
    auth: 'none',
    simulatorStepMs: 1,
    extensionsRoot: process.cwd(),
    ...options.config,
  } satisfies Config
  let app: App
  try {
    app = await createApp(config, {
      discoverExtensions: options.discoverExtensions ?? false,
      extensions: options.extensions ?? [],
      orchestrator: options.orchestrator,
    })
  } catch (error) {
    await database.drop()
    throw error
  }
  const headers: Record<string, string> = {}
  const inject = (opts: InjectOptions) => app.http.inject({ ...opts, headers: { ...headers, ...opts.headers } })
  const call = async (method: InjectOptions['method'], url: string, body?: unknown): Promise<TestResponse> => {
    const response = await inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    })
    return toTestResponse(response)
  }
  const t: TestApp = {
    app,
    headers,
    env: undefined as unknown as TestEnv,
    orchestrator: app.ctx.orchestrator,
    inject,
    get: (url) => call('GET', url),
    post: (url, body) => call('POST', url, body),
    put: (url, body) => call('PUT', url, body),
    patch: (url, body) => call('PATCH', url, body),
    delete: (url) => call('DELETE', url),
    close: async () => {
      await app.close()
      await database.drop()
    },
  }
  t.env = createTestEnv(t)
  return t
}

export function toTestResponse(response: LightMyRequestResponse): TestResponse {
  let body: unknown
  try {
    body = response.body === '' ? undefined : JSON.parse(response.body)
  } catch {
    body = response.body
  }
  return { status: response.statusCode, body, headers: response.headers, text: response.body }
}
