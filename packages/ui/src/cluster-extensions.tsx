/** Per-environment extensions: PUT /clusters/<id>/extensions enables, DELETE ?extension_names= disables. */
import { useEffect, useState } from 'preact/hooks'
import { api, errorText, get, type Json, put } from './api.ts'
import { StatusBadge } from './status.tsx'

export function ClusterExtensions({ clusterId }: { clusterId: number }) {
  const [installed, setInstalled] = useState<Json[]>([])
  const [enabled, setEnabled] = useState<string[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  useEffect(() => {
    get('/extensions').then(setInstalled, (e) => setError(errorText(e)))
    get(`/clusters/${clusterId}/extensions`).then(setEnabled, (e) => setError(errorText(e)))
  }, [clusterId])
  const toggle = async (name: string, on: boolean) => {
    setError('')
    setBusy(true)
    try {
      if (on) setEnabled(await put(`/clusters/${clusterId}/extensions`, [name]))
      else {
        await api('DELETE', `/api/v1/clusters/${clusterId}/extensions?extension_names=${encodeURIComponent(name)}`)
        setEnabled(await get(`/clusters/${clusterId}/extensions`))
      }
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  if (enabled === null) return <p>Loading extensions…</p>
  const loaded = installed.filter((x) => x.status === 'loaded')
  return (
    <div>
      {loaded.length === 0 && <p class="muted">No extension is installed.</p>}
      {loaded.length > 0 && (
        <table class="grid">
          <caption class="sr-only">Extensions of this environment</caption>
          <thead>
            <tr>
              <th scope="col">Extension</th>
              <th scope="col">Description</th>
              <th scope="col">On this environment</th>
              <th scope="col">
                <span class="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loaded.map((x) => {
              const on = enabled.includes(x.name)
              return (
                <tr key={x.name}>
                  <th scope="row">
                    {x.name} <span class="muted">{x.version}</span>
                  </th>
                  <td>{x.description}</td>
                  <td>
                    <StatusBadge status={on ? 'enabled' : 'disabled'} />
                  </td>
                  <td class="actions">
                    <button
                      type="button"
                      class={on ? 'small' : 'small primary'}
                      disabled={busy}
                      aria-label={`${on ? 'Disable' : 'Enable'} ${x.name}`}
                      onClick={() => toggle(x.name, !on)}
                    >
                      {on ? 'Disable' : 'Enable'}
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      <p class="muted" aria-live="polite">
        Enabled on this environment: {enabled.length ? enabled.join(', ') : 'none'}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
