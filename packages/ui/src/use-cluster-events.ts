/**
 * Live state of one environment from `GET /api/v1/clusters/<id>/events` (server-sent events).
 * EventSource cannot send headers, so the token goes in `?token=`; the browser reconnects by itself.
 */
import { useEffect, useState } from 'preact/hooks'
import { type Json, session } from './api.ts'

export interface ClusterState {
  cluster: Json
  nodes: Json[]
  tasks: Json[]
}

export function useClusterEvents(id: number, onGone: () => void): { state: ClusterState | null; connected: boolean } {
  const [state, setState] = useState<ClusterState | null>(null)
  const [connected, setConnected] = useState(false)
  useEffect(() => {
    const token = session.token
    const url = `/api/v1/clusters/${id}/events${token ? `?token=${encodeURIComponent(token)}` : ''}`
    const source = new EventSource(url)
    source.onopen = () => setConnected(true)
    source.onerror = () => setConnected(false)
    source.addEventListener('state', (event) => setState(JSON.parse((event as MessageEvent).data)))
    source.addEventListener('gone', () => {
      source.close()
      onGone()
    })
    return () => source.close()
  }, [id])
  return { state, connected }
}
