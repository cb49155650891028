/** Runs the real `nailgun` command in a child process, as an operator would. */
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')
const MAIN = path.join(REPO_ROOT, 'packages/server/src/main.ts')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** The environment without any NAILGUN_* setting of the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NAILGUN_')))
  return { ...env, NAILGUN_LOG_LEVEL: 'warn', ...extra }
}

export function runNailgun(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: REPO_ROOT,
      env: cleanEnv(options.env),
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}

export interface RunningServer {
  child: ChildProcess
  baseUrl: string
  /** Everything the process wrote so far (stdout + stderr). */
  output(): string
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>
}

/** Starts a server on a free port (`--port 0`) and waits until it listens. */
export function startServer(command: string, args: string[], env: Record<string, string>): Promise<RunningServer> {
  // A process group of its own: signals reach the server even behind a wrapper such as `npm start`,
  // which does not pass SIGTERM on to its child.
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: cleanEnv({ NAILGUN_PORT: '0', NAILGUN_LOG_LEVEL: 'info', ...env }),
    detached: true,
  })
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const server: Omit<RunningServer, 'baseUrl'> = {
    child,
    output: () => output,
    stop: async () => {
      signalGroup(child, 'SIGTERM')
      const code = await exited
      await groupGone(child)
      return code
    },
  }
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (action: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      action()
    }
    const timer = setTimeout(() => {
      settle(() => {
        signalGroup(child, 'SIGKILL')
        reject(new Error(`server did not start:\n${output}`))
      })
    }, 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match) settle(() => resolve({ ...server, baseUrl: match[1]! }))
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    void exited.then((code) => settle(() => reject(new Error(`server exited with ${code}:\n${output}`))))
  })
}

export function serveArgs(): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', MAIN, 'serve']]
}

/** A Keystone or API answer; the tests read it loosely. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted on, not typed
type Json = any

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Json }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // Already gone.
  }
}

/** Waits (bounded) until no process of the group is left, then kills any straggler. */
async function groupGone(child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-child.pid!, 0)
    } catch {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  signalGroup(child, 'SIGKILL')
}
