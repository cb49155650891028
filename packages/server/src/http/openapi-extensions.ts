/**
 * Extension uris as OpenAPI paths: `/nodes/(?<node_id>\d+)/disks/?` becomes `/nodes/{node_id}/disks`,
 * with one operation per method the handler implements, tagged with the extension's name.
 * @module
 */
import type { ExtensionRoute } from '../extensions/url-patterns.js'

type Operation = Record<string, unknown>

export function extensionPaths(routes: readonly ExtensionRoute[], prefix: string) {
  const paths: Record<string, Record<string, Operation>> = {}
  for (const route of routes) {
    const { path, params } = uriToPath(route.uri)
    const url = `${prefix}${path}`
    const operations = paths[url] ?? {}
    paths[url] = operations
    for (const method of route.methods) {
      const key = method.toLowerCase()
      if (operations[key]) continue
      operations[key] = {
        tags: [route.extension],
        summary: `${route.handlerName}.${method} (extension ${route.extension})`,
        operationId: `${route.extension}.${route.handlerName}.${method}`,
        parameters: params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        responses: { 200: { description: 'Answer of the extension handler' } },
      }
    }
  }
  return paths
}

/** Named groups become `{name}`; anchors, optional trailing slashes and escapes are dropped. */
export function uriToPath(uri: string): { path: string; params: string[] } {
  const params: string[] = []
  let out = ''
  for (let i = 0; i < uri.length; i++) {
    const named = /^\(\?P?<(\w+)>/.exec(uri.slice(i))
    if (named?.[1]) {
      params.push(named[1])
      out += `{${named[1]}}`
      i = closingParen(uri, i)
      continue
    }
    const c = uri[i]
    if (c === '\\' && i + 1 < uri.length) {
      out += uri[++i]
      continue
    }
    if (c === '^' || c === '$') continue
    if (c === '?' && out.endsWith('/')) {
      out = out.slice(0, -1)
      continue
    }
    out += c
  }
  const path = out.length > 1 ? out.replace(/\/+$/, '') : out
  return { path: path.startsWith('/') ? path : `/${path}`, params }
}

/** Index of the parenthesis closing the group opened at `start`. */
function closingParen(text: string, start: number): number {
  let depth = 0
  for (let i = start; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '(') depth++
    else if (text[i] === ')' && --depth === 0) return i
  }
  return text.length
}
