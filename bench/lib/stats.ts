/** Medians and timers: every figure is a median of repeated runs, every target a ratio. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await fn()
  return { ms: performance.now() - start, value }
}

/** Runs `fn` `runs` times (after `warmup` unmeasured runs) and returns the median time in ms. */
export async function medianMs(runs: number, fn: () => Promise<unknown> | unknown, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push((await timed(fn)).ms)
  return median(times)
}

export const ms = (v: number) => (v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`)
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
export const ratio = (v: number) => `${v.toFixed(2)}×`
