/**
 * fast-check arbitraries for hostile HTTP requests against one route of the walked route table:
 * odd path parameters, junk query strings, wrong JSON types, deep nesting, oversized bodies,
 * malformed JSON, wrong Content-Type and unservable Accept headers.
 */
import fc from 'fast-check'
import type { WalkedRoute } from '../security/route-walk.js'

/** Placeholder walkRoutes() puts where a path parameter goes. */
export const PARAM = '__fuzzparam__'

export interface HostileRequest {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
  /** What the request was built from, for the failure report. */
  route: string
}

const param = fc.oneof(
  fc.constantFrom(
    '1',
    '2',
    '0',
    '-1',
    '1.5',
    '2147483648',
    '99999999999999999999',
    'null',
    '%00',
    '..%2F..',
    'a'.repeat(600),
  ),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  fc.nat().map(String),
)

const QUERY_KEYS = ['limit', 'offset', 'order_by', 'ids', 'nodes', 'cluster_id', 'extension_names', 'force', 'status']
const query = fc
  .dictionary(
    fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })),
    fc.oneof(fc.constantFrom('', '-1', '1,2,x', 'id,-name', '1e999', 'true', '[]'), fc.string({ maxLength: 30 })),
    { maxKeys: 3 },
  )
  .map((q) => new URLSearchParams(q).toString())

/** `[[[…]]]` or `{"a":{"a":…}}` nested `depth` levels. */
function nested(depth: number, object: boolean): string {
  return object ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`
}

/** A JSON value of the wrong shape for most fields: each known key of the API with a hostile value. */
const hostileObject = fc.dictionary(
  fc.constantFrom(
    'name',
    'release_id',
    'release',
    'mode',
    'net_provider',
    'mac',
    'meta',
    'status',
    'cluster_id',
    'pending_roles',
    'roles',
    'pending_addition',
    'id',
    'group_id',
    'editable',
    'nodes',
    'interfaces',
    'ip',
    'hostname',
  ),
  fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(-1, 2 ** 53, '', 'x'.repeat(300), null, [], {}, true)),
  { maxKeys: 5 },
)

const body = (bodyLimit: number) =>
  fc.oneof(
    { weight: 4, arbitrary: hostileObject.map((o) => JSON.stringify(o)) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.array(hostileObject, { maxLength: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 65, max: 3000 }), fc.boolean()).map(([d, o]) => nested(d, o)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,]', 'null', '"\\u0000"', '\u0000', '1e999999') },
    { weight: 1, arbitrary: fc.constant(`"${'x'.repeat(bodyLimit + 1)}"`) },
  )

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      '',
      'garbage',
    ),
  },
)

const accept = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'application/json',
      'application/x-yaml',
      'text/html',
      'image/png',
      '*/*',
      ';;;',
      'application/',
    ),
  },
)

export function hostileRequest(routes: readonly WalkedRoute[], bodyLimit: number): fc.Arbitrary<HostileRequest> {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      param,
      query: fc.option(query, { nil: undefined }),
      body: fc.option(body(bodyLimit), { nil: undefined, freq: 4 }),
      contentType,
      accept,
    })
    .map(({ route, param: p, query: q, body: b, contentType: ct, accept: acc }) => {
      const headers: Record<string, string> = {}
      if (b !== undefined && ct !== '') headers['content-type'] = ct
      if (acc !== undefined) headers.accept = acc
      const url = route.path.replaceAll(PARAM, p) + (q ? `?${q}` : '')
      const request = { method: route.method, url, headers, payload: b, route: `${route.method} ${route.pattern}` }
      // Counterexamples print short: a 16 KiB payload would bury the report.
      return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) })
    })
}

function describeRequest(r: HostileRequest): string {
  const payload =
    r.payload === undefined ? '' : ` payload(${r.payload.length})=${JSON.stringify(r.payload.slice(0, 160))}`
  return `${r.method} ${r.url.slice(0, 200)} ${JSON.stringify(r.headers)}${payload}`
}
