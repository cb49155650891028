/**
 * The shell: asks `/api/version` whether a token is needed, shows the login form or the screens,
 * and routes on the location hash (`#/`, `#/clusters/<id>`, `#/extensions`, `#/notifications`).
 */
import { useEffect, useState } from 'preact/hooks'
import { get, session, setUnauthorizedHandler } from './api.ts'
import { ClusterDetail } from './cluster-detail.tsx'
import { Clusters } from './clusters.tsx'
import { Extensions } from './extensions.tsx'
import { Login } from './login.tsx'
import { Notifications } from './notifications.tsx'

function useHash(): string {
  const [hash, setHash] = useState(location.hash || '#/')
  useEffect(() => {
    const update = () => setHash(location.hash || '#/')
    addEventListener('hashchange', update)
    return () => removeEventListener('hashchange', update)
  }, [])
  return hash
}

export function App() {
  const [authRequired, setAuthRequired] = useState<boolean | null>(null)
  const [token, setToken] = useState(session.token)
  const hash = useHash()
  useEffect(() => {
    setUnauthorizedHandler(() => {
      session.token = null
      setToken(null)
    })
    get('/version')
      .then((v) => setAuthRequired(v.auth_required !== false))
      .catch(() => setAuthRequired(true))
  }, [])
  if (authRequired === null) return <p class="loading">Loading…</p>
  if (authRequired && !token) {
    return (
      <Login
        onLogin={(t) => {
          session.token = t
          setToken(t)
        }}
      />
    )
  }
  const logout = () => {
    session.token = null
    setToken(null)
  }
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="#/">
          Nailgun
        </a>
        <nav aria-label="Main">
          <a href="#/" aria-current={hash === '#/' || hash.startsWith('#/clusters') ? 'page' : undefined}>
            Environments
          </a>
          <a href="#/extensions" aria-current={hash === '#/extensions' ? 'page' : undefined}>
            Extensions
          </a>
          <NotificationsLink current={hash === '#/notifications'} />
        </nav>
        {authRequired && (
          <button type="button" class="link" onClick={logout}>
            Log out
          </button>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Screen hash={hash} />
      </main>
    </>
  )
}

function Screen({ hash }: { hash: string }) {
  const cluster = /^#\/clusters\/(\d+)/.exec(hash)
  if (cluster) return <ClusterDetail key={cluster[1]} id={Number(cluster[1])} />
  if (hash === '#/extensions') return <Extensions />
  if (hash === '#/notifications') return <Notifications />
  return <Clusters />
}

/** The unread count is refreshed every 10 s: notifications are not urgent, progress is streamed. */
function NotificationsLink({ current }: { current: boolean }) {
  const [unread, setUnread] = useState(0)
  useEffect(() => {
    const load = () =>
      get('/notifications')
        .then((list: { status: string }[]) => setUnread(list.filter((n) => n.status === 'unread').length))
        .catch(() => {})
    load()
    const timer = setInterval(load, 10_000)
    addEventListener('nailgun:notifications', load)
    return () => {
      clearInterval(timer)
      removeEventListener('nailgun:notifications', load)
    }
  }, [])
  return (
    <a href="#/notifications" aria-current={current ? 'page' : undefined}>
      Notifications
      {unread > 0 && (
        <span class="badge">
          {unread}
          <span class="sr-only"> unread</span>
        </span>
      )}
    </a>
  )
}
