/** Unallocated nodes (GET /nodes?cluster_id=): choose nodes and roles, POST /clusters/<id>/assignment. */
import { useEffect, useState } from 'preact/hooks'
import { errorText, get, type Json, post } from './api.ts'
import { hardware } from './format.ts'

interface Props {
  clusterId: number
  roles: string[]
  locked: boolean
  onAssigned: () => void
}

export function AssignNodes({ clusterId, roles, locked, onAssigned }: Props) {
  const [free, setFree] = useState<Json[] | null>(null)
  const [nodes, setNodes] = useState<Set<number>>(new Set())
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const [error, setError] = useState('')
  useEffect(() => {
    get('/nodes?cluster_id=').then(setFree, (e) => setError(errorText(e)))
  }, [])
  const toggle = <T,>(set: Set<T>, value: T, update: (s: Set<T>) => void) => {
    const next = new Set(set)
    if (next.has(value)) next.delete(value)
    else next.add(value)
    update(next)
  }
  const assign = async (event: Event) => {
    event.preventDefault()
    try {
      await post(
        `/clusters/${clusterId}/assignment`,
        [...nodes].map((id) => ({ id, roles: [...chosen] })),
      )
      onAssigned()
    } catch (e) {
      setError(errorText(e))
    }
  }
  if (free === null) return <p>Loading unallocated nodes…</p>
  if (free.length === 0)
    return <p class="muted">No unallocated node. Nodes appear here once their agent registers them.</p>
  return (
    <form onSubmit={assign} class="assign">
      <fieldset>
        <legend>Unallocated nodes</legend>
        {free.map((n) => {
          const hw = hardware(n.meta)
          return (
            <label key={n.id} class="check">
              <input
                type="checkbox"
                name="node"
                value={n.id}
                checked={nodes.has(n.id)}
                onChange={() => toggle(nodes, n.id, setNodes)}
              />
              <span>
                <strong>{n.name}</strong> <span class="mono muted">{n.mac}</span>
                <span class="muted">
                  {' '}
                  · {hw.cpu} · {hw.ram} RAM · {hw.diskTotal} disk
                </span>
              </span>
            </label>
          )
        })}
      </fieldset>
      <fieldset>
        <legend>Roles</legend>
        <div class="role-grid">
          {roles.map((r) => (
            <label key={r} class="check">
              <input
                type="checkbox"
                name="role"
                value={r}
                checked={chosen.has(r)}
                onChange={() => toggle(chosen, r, setChosen)}
              />
              {r}
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={locked || nodes.size === 0 || chosen.size === 0}>
        Add {nodes.size || ''} node{nodes.size === 1 ? '' : 's'} with {chosen.size ? [...chosen].join(', ') : 'roles'}
      </button>
    </form>
  )
}
