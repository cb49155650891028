/** Reading Prometheus' text format in tests: samples by metric name and labels. */
export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

export function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = []
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match?.[1] || match[3] === undefined) continue
    const labels: Record<string, string> = {}
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      if (key !== undefined && value !== undefined) labels[key] = value
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) })
  }
  return samples
}

/** The sum of the samples of `name` whose labels include `labels`. */
export function total(samples: Sample[], name: string, labels: Record<string, string | RegExp> = {}): number {
  return samples
    .filter((s) => s.name === name)
    .filter((s) =>
      Object.entries(labels).every(([key, want]) => {
        const have = s.labels[key]
        return have !== undefined && (typeof want === 'string' ? have === want : want.test(have))
      }),
    )
    .reduce((sum, s) => sum + s.value, 0)
}
