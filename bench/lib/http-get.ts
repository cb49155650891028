/**
 * A GET over a real socket, the way a client sees the answer: the server's serialization and
 * writes count, the test kit's in-memory transport (which copies the body three times) does not.
 * The client runs in the same process, so its reads are counted too (conservative).
 */
import http from 'node:http'

const agent = new http.Agent({ keepAlive: true })

export interface HttpAnswer {
  status: number
  body: Buffer
}

export function httpGet(base: string, path: string): Promise<HttpAnswer> {
  const chunks: Buffer[] = []
  return get(base, path, (chunk) => chunks.push(chunk)).then((status) => ({ status, body: Buffer.concat(chunks) }))
}

/** Reads the answer without keeping it (for measuring the server's memory, not the client's). */
export async function httpGetLength(base: string, path: string): Promise<{ status: number; bytes: number }> {
  let bytes = 0
  const status = await get(base, path, (chunk) => {
    bytes += chunk.length
  })
  return { status, bytes }
}

function get(base: string, path: string, onChunk: (chunk: Buffer) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(path, base), { agent }, (response) => {
      response.on('data', onChunk)
      response.on('end', () => resolve(response.statusCode ?? 0))
      response.on('error', reject)
    })
    request.on('error', reject)
  })
}
