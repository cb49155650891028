/** Prints the top self-time frames of a `.cpuprofile` (used while profiling; `node --import tsx bench/lib/profile-top.ts f`). */
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

export function topFrames(file: string, limit = 25): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[]
    samples: number[]
    timeDeltas: number[]
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame
    if (!frame) return
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(
      ([key, us]) =>
        `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`,
    )
}

if (process.argv[1]?.endsWith('profile-top.ts') && !process.argv[3])
  console.log(topFrames(process.argv[2] as string, 30).join('\n'))

/** Self time of `frame`, attributed to its nearest ancestors in the project's own source. */
export function callersOf(file: string, frame: string, limit = 15): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[]
    samples: number[]
    timeDeltas: number[]
  }
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const totals = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    if (byId.get(id)?.callFrame.functionName !== frame) return
    const chain: string[] = []
    for (let p = parent.get(id); p !== undefined && chain.length < 3; p = parent.get(p)) {
      const f = byId.get(p)?.callFrame
      if (f && f.url && !f.url.includes('node:')) {
        chain.push(`${f.functionName}@${f.url.split('/').slice(-1)[0]}:${f.lineNumber + 1}`)
      }
    }
    const key = chain.join(' < ') || '(none)'
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`)
}

if (process.argv[1]?.endsWith('profile-top.ts') && process.argv[3])
  console.log(callersOf(process.argv[2] as string, process.argv[3]).join('\n'))
