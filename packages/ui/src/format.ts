import type { Json } from './api.ts'

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB']

/** 500107862016 → "465.8 GB" (binary units, as fuel-ui shows them). */
export function bytes(value: number | undefined | null): string {
  if (!value || value <= 0) return '—'
  let n = value
  let unit = 0
  while (n >= 1024 && unit < UNITS.length - 1) {
    n /= 1024
    unit++
  }
  return `${n >= 100 ? n.toFixed(0) : n.toFixed(1)} ${UNITS[unit]}`
}

/** CPU, RAM and disks of a node's `meta`. */
export function hardware(meta: Json) {
  const disks: Json[] = meta?.disks ?? []
  return {
    cpu: meta?.cpu?.total ? `${meta.cpu.total} cores` : '—',
    ram: bytes(meta?.memory?.total),
    disks: disks.length ? `${disks.length} × (${disks.map((d) => bytes(d.size)).join(', ')})` : '—',
    diskTotal: bytes(disks.reduce((sum, d) => sum + (Number(d.size) || 0), 0)),
  }
}

export function downloadJson(name: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
