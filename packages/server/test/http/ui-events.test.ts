import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createCluster, createTestApp, login, type TestApp } from '@nailgun/testing'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uiStatic } from '../../src/http/ui-static.js'

/** Reads the stream until an `event: <name>` block arrives; returns its data, parsed. */
async function firstEvent(url: string, name: string, headers: Record<string, string> = {}) {
  const abort = new AbortController()
  const response = await fetch(url, { headers, signal: abort.signal })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  let text = ''
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) throw new Error(`stream ended before '${name}': ${text}`)
      text += new TextDecoder().decode(value)
      const block = text.split('\n\n').find((b) => b.startsWith(`event: ${name}\n`))
      if (block) return JSON.parse(block.slice(block.indexOf('data: ') + 6))
    }
  } finally {
    abort.abort()
  }
}

describe('GET /api/v1/clusters/<id>/events (keystone)', () => {
  let t: TestApp
  let base: string
  let token: string
  beforeAll(async () => {
    t = await createTestApp({ config: { auth: 'keystone', adminPassword: 'events-pass' } })
    token = await login(t, 'admin', 'events-pass')
    base = await t.app.http.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(() => t.close())

  it('refuses a request without a token with 401', async () => {
    const cluster = await createCluster(t)
    const response = await fetch(`${base}/api/v1/clusters/${cluster.id}/events`, {
      headers: { accept: 'text/event-stream' },
    })
    expect(response.status).toBe(401)
  })

  it('streams the environment, its nodes and tasks to a token given as ?token= (EventSource)', async () => {
    const cluster = await createCluster(t)
    const url = `${base}/api/v1/clusters/${cluster.id}/events?token=${encodeURIComponent(token)}`
    const state = await firstEvent(url, 'state', { accept: 'text/event-stream' })
    expect(state.cluster).toMatchObject({ id: cluster.id, name: cluster.name, status: 'new' })
    expect(state.nodes).toEqual([])
    expect(state.tasks).toEqual([])
  })

  it('accepts the X-Auth-Token header too, under /api as well as /api/v1', async () => {
    const cluster = await createCluster(t)
    const state = await firstEvent(`${base}/api/clusters/${cluster.id}/events`, 'state', { 'x-auth-token': token })
    expect(state.cluster.id).toBe(cluster.id)
  })

  it('answers 404 for an unknown environment', async () => {
    const response = await fetch(`${base}/api/v1/clusters/987654/events?token=${token}`)
    expect(response.status).toBe(404)
  })

  it('keeps the JSON 404 for unknown API paths next to the dashboard files', async () => {
    const response = await t.get('/api/v1/no-such-thing')
    expect(response.status).toBe(404)
    expect(response.body).toMatchObject({ message: expect.any(String) })
  })
})

describe('GET /api/v1/clusters/<id>/events (auth none)', () => {
  it('needs no token', async () => {
    const t = await createTestApp()
    try {
      const base = await t.app.http.listen({ port: 0, host: '127.0.0.1' })
      const cluster = await createCluster(t)
      const state = await firstEvent(`${base}/api/v1/clusters/${cluster.id}/events`, 'state')
      expect(state.cluster.id).toBe(cluster.id)
    } finally {
      await t.close()
    }
  })
})

describe('closing the server', () => {
  it('ends the open event streams instead of waiting for their browsers', async () => {
    const t = await createTestApp()
    const base = await t.app.http.listen({ port: 0, host: '127.0.0.1' })
    const cluster = await createCluster(t)
    const response = await fetch(`${base}/api/v1/clusters/${cluster.id}/events`)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    await t.close()
    // The stream ends (done) rather than hanging: the server closed it.
    for (;;) if ((await reader.read()).done) break
  })
})

describe('uiStatic', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nailgun-ui-static-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('serves the built dashboard at /', async () => {
    const built = path.join(dir, 'built')
    mkdirSync(built)
    writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>dash</title>')
    const http = Fastify()
    uiStatic(http, built)
    const response = await http.inject({ method: 'GET', url: '/' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toContain('<title>dash</title>')
    await http.close()
  })

  it('says how to build the dashboard when it is not built', async () => {
    const http = Fastify()
    uiStatic(http, path.join(dir, 'missing'))
    const response = await http.inject({ method: 'GET', url: '/' })
    expect(response.statusCode).toBe(503)
    expect(response.body).toContain('npm run build -w @nailgun/ui')
    await http.close()
  })
})
