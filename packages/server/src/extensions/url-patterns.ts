/**
 * An extension's `urls = [{uri, handler}]`, compiled once at load. `uri` is a regular expression
 * (a string, where Python's `(?P<name>...)` still works, or a RegExp) matched against the whole
 * path after `/api` or `/api/v1`, with or without a trailing slash, as web.py anchored them.
 * @module
 */
import { BaseHandler, HANDLER_METHODS } from '@nailgun/extensions'
import { memberNames, readMember } from './members.js'

export type HandlerSpec = (new () => BaseHandler) | BaseHandler

export interface ExtensionRoute {
  /** Name of the extension that serves it. */
  extension: string
  /** The uri as declared (after the Python-to-JavaScript group syntax conversion). */
  uri: string
  pattern: RegExp
  handler: HandlerSpec
  handlerName: string
  /** HTTP methods the handler implements; the others answer 405. */
  methods: string[]
  /** The literal start of the uri up to its last `/`: where the router sends requests to the dispatcher. */
  prefix: string
}

/** Python's named groups and backreferences in JavaScript syntax. */
export function fromPythonRegex(uri: string): string {
  return uri.replaceAll('(?P<', '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
}

/** Compiles `urls[index]`; throws an Error saying what is wrong with it. */
export function compileRoute(spec: unknown, index: number, extension: string): ExtensionRoute {
  const { uri, handler } = (spec ?? {}) as { uri?: unknown; handler?: unknown }
  const where = `urls[${index}]`
  if (typeof uri !== 'string' && !(uri instanceof RegExp)) throw new Error(`${where}.uri must be a string or a RegExp`)
  const source = typeof uri === 'string' ? fromPythonRegex(uri) : uri.source
  let pattern: RegExp
  try {
    pattern = new RegExp(`^(?:${source})$`, uri instanceof RegExp ? uri.flags.replace(/[gy]/g, '') : '')
  } catch (error) {
    throw new Error(`${where} '${source}' is not a valid regular expression: ${(error as Error).message}`)
  }
  const methods = handlerMethods(handler)
  const handlerName = handlerNameOf(handler)
  if (methods.length === 0) {
    throw new Error(`handler ${handlerName} of '${source}' implements none of ${HANDLER_METHODS.join(', ')}`)
  }
  return {
    extension,
    uri: source,
    pattern,
    handler: handler as HandlerSpec,
    handlerName,
    methods,
    prefix: literalPrefix(source),
  }
}

function handlerMethods(handler: unknown): string[] {
  const target = typeof handler === 'function' ? handler.prototype : handler
  if (typeof target !== 'object' || target === null) return []
  const names = memberNames(target as object, [BaseHandler.prototype, Object.prototype])
  return HANDLER_METHODS.filter((m) => names.includes(m) && typeof readMember(target, m) === 'function')
}

function handlerNameOf(handler: unknown): string {
  if (typeof handler === 'function') return handler.name || '(anonymous handler)'
  return (handler as object | null)?.constructor?.name ?? '(handler)'
}

/**
 * The literal beginning of the pattern, cut after its last `/` (`/nodes/(?<id>\d+)/disks` →
 * `/nodes/`). `/` when the pattern has alternatives or starts with a group.
 */
export function literalPrefix(source: string): string {
  if (source.includes('|')) return '/'
  let text = ''
  for (let i = source.startsWith('^') ? 1 : 0; i < source.length; i++) {
    const c = source[i] as string
    if (c === '\\') {
      const next = source[i + 1] ?? ''
      if (!/[/\-._~:@!&',;=%]/.test(next)) break
      text += next
      i++
    } else if ('.^$|?*+()[]{}'.includes(c)) {
      // A quantifier makes the previous character optional or repeated: it is not literal.
      if ('?*{'.includes(c)) text = text.slice(0, -1)
      break
    } else {
      text += c
    }
  }
  const cut = text.slice(0, text.lastIndexOf('/') + 1)
  return cut.startsWith('/') ? cut : '/'
}

/** The named groups when the route serves `path` (trailing slash optional), else undefined. */
export function matchRoute(route: ExtensionRoute, path: string): Record<string, string> | undefined {
  const alternative = path.endsWith('/') ? path.slice(0, -1) : `${path}/`
  const found = route.pattern.exec(path) ?? route.pattern.exec(alternative)
  if (!found) return undefined
  const params: Record<string, string> = {}
  for (const [key, value] of Object.entries(found.groups ?? {})) if (value !== undefined) params[key] = value
  return params
}

/** The same uri, whatever its anchors and optional trailing slash: two extensions may not both claim it. */
export function uriKey(route: ExtensionRoute): string {
  const plain = route.uri.replaceAll('\\/', '/')
  return plain
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\/\??$/, '')
}

/** Concrete paths a core route serves (`/nodes/:obj_id` → `/nodes/1`, `/nodes/x`). */
export function samplePaths(coreUrl: string): string[] {
  const fill = (value: string) => coreUrl.replace(/:\w+(\([^)]*\))?/g, value).replace(/\*/g, value)
  return [...new Set([fill('1'), fill('x')])]
}
