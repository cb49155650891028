import { useEffect, useState } from 'preact/hooks'
import { errorText, get, type Json, put } from './api.ts'

export function Notifications() {
  const [list, setList] = useState<Json[] | null>(null)
  const [error, setError] = useState('')
  const load = () => get('/notifications').then(setList, (e) => setError(errorText(e)))
  useEffect(() => {
    load()
  }, [])
  const markAll = async () => {
    try {
      await put('/notifications/change_status', { status: 'read' })
      await load()
      dispatchEvent(new Event('nailgun:notifications'))
    } catch (e) {
      setError(errorText(e))
    }
  }
  const sorted = [...(list ?? [])].sort((a, b) => b.id - a.id)
  return (
    <section aria-labelledby="notif-title">
      <div class="title-row">
        <h1 id="notif-title">Notifications</h1>
        <div class="spacer" />
        <button type="button" onClick={markAll} disabled={!sorted.some((n) => n.status === 'unread')}>
          Mark all as read
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list && sorted.length === 0 && <p class="muted">No notification.</p>}
      <ul class="notifications">
        {sorted.map((n) => (
          <li key={n.id} class={`topic-${n.topic} ${n.status}`}>
            <span class="topic">{n.topic}</span>
            <span class="message">{n.message}</span>
            <span class="muted when">
              {n.date} {n.time}
            </span>
            {n.cluster && <a href={`#/clusters/${n.cluster}`}>environment</a>}
          </li>
        ))}
      </ul>
    </section>
  )
}
