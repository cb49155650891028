/**
 * Which member names look like hooks, and what to suggest when one is unknown. A misspelt hook is
 * the worst kind of extension bug: it never runs and nothing says why. Names from the seed's Python
 * (`on_node_create`, `data_pipelines`) and near misses (`onNodeCreated`) are caught at load with
 * the name the author meant.
 * @module
 */
import { EVENT_NAMES, PIPELINE_METHODS } from '@nailgun/extensions'

/** Members BaseExtension itself defines: never hooks. */
export const BASE_EXTENSION_MEMBERS: ReadonlySet<string> = new Set([
  'constructor',
  'name',
  'version',
  'description',
  'provides',
  'urls',
  'dataPipelines',
  'requires',
  'after',
  'before',
  'critical',
  'timeoutMs',
  'configSchema',
  'migrationsPath',
  'tablePrefix',
  'fullName',
  'toDict',
])

/** Seed names that do not map mechanically (snake_case to camelCase) to their TypeScript counterpart. */
const SEED_RENAMES: Readonly<Record<string, string>> = {
  alembic_migrations_path: 'migrationsPath',
}

const HOOK_LIKE = /^(on|before|after|process)([A-Z_]|$)/

export const EXTENSION_HOOKS: readonly string[] = EVENT_NAMES
export const PIPELINE_HOOKS: readonly string[] = PIPELINE_METHODS

export function snakeToCamel(name: string): string {
  return name.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

/** True for names an author most likely meant as a hook (or as a seed class variable). */
export function isHookLike(name: string, known: ReadonlySet<string>): boolean {
  if (known.has(name)) return false
  if (HOOK_LIKE.test(name)) return true
  return name.includes('_') && (name in SEED_RENAMES || known.has(snakeToCamel(name)))
}

/** The known name closest to `name`, if it is close enough to be a plausible typo. */
export function suggest(name: string, known: Iterable<string>): string | undefined {
  const known_ = [...known]
  const mapped = SEED_RENAMES[name] ?? snakeToCamel(name)
  if (known_.includes(mapped)) return mapped
  let best: { name: string; distance: number } | undefined
  for (const candidate of known_) {
    const distance = editDistance(mapped.toLowerCase(), candidate.toLowerCase())
    if (!best || distance < best.distance) best = { name: candidate, distance }
  }
  const limit = best ? Math.max(3, Math.ceil(best.name.length / 3)) : 0
  return best && best.distance <= limit ? best.name : undefined
}

/** Levenshtein distance, two rows at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** The message for an unknown hook-like member of an extension (`where = 'extension'`) or a pipeline. */
export function unknownHookMessage(name: string, where: 'extension' | 'pipeline', owner: string): string {
  const own = where === 'extension' ? EXTENSION_HOOKS : PIPELINE_HOOKS
  const other = where === 'extension' ? PIPELINE_HOOKS : EXTENSION_HOOKS
  const members = where === 'extension' ? [...own, ...BASE_EXTENSION_MEMBERS] : own
  const mapped = SEED_RENAMES[name] ?? snakeToCamel(name)
  const prefix = `${owner} has an unknown hook '${name}'`
  if (mapped !== name && members.includes(mapped)) return `${prefix}: that is the seed's Python name, use '${mapped}'`
  const hint = suggest(name, members)
  if (hint) return `${prefix}: did you mean '${hint}'?`
  const misplaced = suggest(name, other)
  if (misplaced && where === 'extension') {
    return `${prefix}: '${misplaced}' is a pipeline method; define it on a BasePipeline class listed in dataPipelines`
  }
  if (misplaced) return `${prefix}: '${misplaced}' is an extension event; define it on the extension class`
  return `${prefix}; known hooks are ${own.join(', ')}`
}
