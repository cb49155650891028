import { createTestApp, registerNode, type TestApp } from '@nailgun/testing'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { chunked, jsonPieces } from '../../src/http/json-stream.js'
import { RawJson } from '../../src/http/raw-json.js'

const text = (value: unknown) => [...jsonPieces(value)].join('')

describe('streamed JSON pieces', () => {
  it('join to exactly JSON.stringify of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(text(value)).toBe(JSON.stringify(value))
      }),
    )
  })

  it('join to JSON.stringify for long arrays, in objects or alone, with the members JSON leaves out', () => {
    const long = Array.from({ length: 100 }, (_, i) => (i % 7 === 0 ? undefined : { i, at: new Date(0) }))
    const values = [
      long,
      { first: 1, nodes: long, skipped: undefined, fn: () => 1, last: [1, 2] },
      { nodes: [] },
      { dated: { toJSON: () => 'custom' }, nodes: long },
      [],
      {},
      'text',
      null,
    ]
    for (const value of values) expect(text(value)).toBe(JSON.stringify(value))
  })

  it('writes any text, multi-byte characters and pieces larger than a chunk included, byte for byte', () => {
    const values = [
      Array.from({ length: 200 }, (_, i) => ({ i, name: `nœud-${i}-ノード-🚀` })),
      { nodes: Array.from({ length: 80 }, () => 'é'.repeat(300)), big: 'x'.repeat(5000) },
    ]
    for (const value of values) {
      const bytes = Buffer.concat([...chunked(jsonPieces(value), 256)])
      expect(bytes.equals(Buffer.from(JSON.stringify(value)))).toBe(true)
    }
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 64, maxLength: 200 }), (value) => {
        expect(Buffer.concat([...chunked(jsonPieces(value), 128)]).toString()).toBe(JSON.stringify(value))
      }),
    )
  })

  it('writes pre-serialized RawJson elements as their text, and JSON.stringify gives the same value', () => {
    const items = Array.from({ length: 100 }, (_, i) => new RawJson(`{"i": ${i},  "meta": {"a": [1, 2]}}`))
    const streamed = text(items)
    expect(streamed.startsWith('[{"i": 0,  "meta"')).toBe(true)
    expect(JSON.parse(streamed)).toEqual(JSON.parse(JSON.stringify(items)))
  })

  it('groups the pieces into buffers of about the chunk size', () => {
    const buffers = [...chunked(jsonPieces(Array.from({ length: 5000 }, (_, i) => ({ i, pad: 'x'.repeat(50) }))), 4096)]
    expect(buffers.length).toBeGreaterThan(50)
    for (const buffer of buffers.slice(0, -1)) expect(buffer.length).toBeGreaterThan(4096 - 3 * 80)
    expect(JSON.parse(Buffer.concat(buffers).toString())).toHaveLength(5000)
  })
})

describe('a long list answered over HTTP', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
    for (let i = 0; i < 70; i++) await registerNode(t)
  })
  afterAll(() => t.close())

  it('is streamed as JSON without a Content-Length, with the same nodes and Content-Range', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/nodes' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-length']).toBeUndefined()
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['content-range']).toBe('objects 1-70/70')
    const nodes = res.json() as Array<{ id: number }>
    expect(nodes).toHaveLength(70)
    const small = await t.inject({ method: 'GET', url: '/api/v1/nodes?limit=3' })
    expect(small.headers['content-length']).toBeDefined()
    expect(small.json()).toEqual(nodes.slice(0, 3))
  })

  it('is still converted whole to YAML when the client asks for YAML', async () => {
    const json = (await t.inject({ method: 'GET', url: '/api/v1/nodes' })).json()
    const res = await t.inject({ method: 'GET', url: '/api/v1/nodes', headers: { accept: 'application/x-yaml' } })
    expect(res.headers['content-type']).toMatch(/^application\/x-yaml/)
    expect(YAML.parse(res.body)).toEqual(json)
  })

  it('answers HEAD with the headers and no body', async () => {
    const res = await t.inject({ method: 'HEAD', url: '/api/v1/nodes' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')
  })
})
