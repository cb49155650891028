/** Installed extensions and whether they loaded (GET /extensions). */
import { useEffect, useState } from 'preact/hooks'
import { errorText, get, type Json } from './api.ts'
import { StatusBadge } from './status.tsx'

export function Extensions() {
  const [list, setList] = useState<Json[] | null>(null)
  const [error, setError] = useState('')
  useEffect(() => {
    get('/extensions').then(setList, (e) => setError(errorText(e)))
  }, [])
  return (
    <section aria-labelledby="ext-title">
      <h1 id="ext-title">Installed extensions</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list && list.length === 0 && <p class="muted">No extension is installed.</p>}
      {list && list.length > 0 && (
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Version</th>
              <th scope="col">Description</th>
              <th scope="col">Provides</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {list.map((x) => (
              <tr key={x.name}>
                <th scope="row">{x.name}</th>
                <td>{x.version}</td>
                <td>{x.description}</td>
                <td class="muted">{(x.provides ?? []).join(', ')}</td>
                <td>
                  <StatusBadge status={x.status} />
                  {x.error && <div class="error">{x.error}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted">Enable or disable an extension per environment from the environment's “Extensions” tab.</p>
    </section>
  )
}
