/** Environments: the list with status, a create form (name + release) and deletion with confirmation. */
import { useEffect, useState } from 'preact/hooks'
import { del, errorText, get, type Json, post } from './api.ts'
import { Confirm } from './confirm.tsx'
import { StatusBadge } from './status.tsx'

export function Clusters() {
  const [clusters, setClusters] = useState<Json[] | null>(null)
  const [releases, setReleases] = useState<Json[]>([])
  const [error, setError] = useState('')
  const [deleting, setDeleting] = useState<Json | null>(null)
  const load = () =>
    get('/clusters')
      .then(setClusters)
      .catch((e) => setError(errorText(e)))
  useEffect(() => {
    load()
    get('/releases')
      .then(setReleases)
      .catch((e) => setError(errorText(e)))
    const timer = setInterval(load, 5000)
    return () => clearInterval(timer)
  }, [])
  const releaseName = (id: number) => releases.find((r) => r.id === id)?.name ?? `#${id}`
  const remove = async (cluster: Json) => {
    setDeleting(null)
    try {
      await del(`/clusters/${cluster.id}`)
      setError('')
      load()
    } catch (e) {
      setError(errorText(e))
    }
  }
  return (
    <section aria-labelledby="envs-title">
      <h1 id="envs-title">Environments</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <CreateCluster releases={releases} onCreated={(c) => (location.hash = `#/clusters/${c.id}`)} />
      {clusters === null ? (
        <p>Loading…</p>
      ) : clusters.length === 0 ? (
        <p class="muted">No environment yet.</p>
      ) : (
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Release</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {clusters.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`#/clusters/${c.id}`}>{c.name}</a>
                </td>
                <td>{releaseName(c.release_id)}</td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td class="actions">
                  <button
                    type="button"
                    class="danger small"
                    onClick={() => setDeleting(c)}
                    aria-label={`Delete ${c.name}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleting && (
        <Confirm
          title={`Delete ${deleting.name}?`}
          message="The environment is removed and its nodes go back to the unallocated pool. This cannot be undone."
          confirmLabel="Delete environment"
          danger
          onConfirm={() => remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  )
}

function CreateCluster({ releases, onCreated }: { releases: Json[]; onCreated: (cluster: Json) => void }) {
  const [name, setName] = useState('')
  const [releaseId, setReleaseId] = useState('')
  const [error, setError] = useState('')
  const deployable = releases.filter((r) => r.is_deployable !== false)
  const chosen = releaseId || String(deployable[0]?.id ?? '')
  const submit = async (event: Event) => {
    event.preventDefault()
    try {
      onCreated(await post('/clusters', { name: name.trim(), release_id: Number(chosen) }))
    } catch (e) {
      setError(errorText(e))
    }
  }
  return (
    <form class="card inline-form" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title">New environment</h2>
      <label>
        Name
        <input name="name" value={name} maxLength={50} required onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        Release
        <select name="release" value={chosen} onChange={(e) => setReleaseId(e.currentTarget.value)} required>
          {deployable.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.version})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="primary">
        Create
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
