/**
 * One environment: status and live progress (streamed), the actions (deploy, reset, delete, each
 * confirmed), and tabs for its nodes, adding nodes, extensions and facts.
 */
import { useEffect, useState } from 'preact/hooks'
import { del, errorText, get, type Json, put } from './api.ts'
import { AssignNodes } from './assign-nodes.tsx'
import { ClusterExtensions } from './cluster-extensions.tsx'
import { Confirm } from './confirm.tsx'
import { Facts } from './facts.tsx'
import { NodesTable } from './nodes-table.tsx'
import { Progress, StatusBadge } from './status.tsx'
import { type ClusterState, useClusterEvents } from './use-cluster-events.ts'

type Action = 'deploy' | 'reset' | 'delete'
const TABS = ['Nodes', 'Add nodes', 'Extensions', 'Facts'] as const
type Tab = (typeof TABS)[number]

const ACTIONS: Record<Action, { title: string; message: string; label: string; danger: boolean }> = {
  deploy: {
    title: 'Deploy changes?',
    message: 'The nodes waiting for changes are provisioned and deployed.',
    label: 'Deploy',
    danger: false,
  },
  reset: {
    title: 'Reset the environment?',
    message: 'Every node goes back to discovery; the deployed software is lost.',
    label: 'Reset',
    danger: true,
  },
  delete: {
    title: 'Delete the environment?',
    message: 'The environment is removed and its nodes go back to the unallocated pool.',
    label: 'Delete environment',
    danger: true,
  },
}

export function ClusterDetail({ id }: { id: number }) {
  const { state, connected } = useClusterEvents(id, () => (location.hash = '#/'))
  const [nodes, setNodes] = useState<Json[]>([])
  const [release, setRelease] = useState<Json | null>(null)
  const [tab, setTab] = useState<Tab>('Nodes')
  const [confirming, setConfirming] = useState<Action | null>(null)
  const [error, setError] = useState('')
  const loadNodes = () =>
    get(`/nodes?cluster_id=${id}`)
      .then(setNodes)
      .catch((e) => setError(errorText(e)))
  const nodeIds = state?.nodes.map((n) => n.id).join(',')
  // Hardware comes from the REST list; the stream only carries what changes during a deployment.
  useEffect(() => {
    loadNodes()
  }, [id, nodeIds])
  const releaseId = state?.cluster.release_id
  useEffect(() => {
    if (releaseId) get(`/releases/${releaseId}`).then(setRelease, () => {})
  }, [releaseId])
  if (!state) return <p>Loading environment…</p>
  const { cluster } = state
  const run = async (action: Action) => {
    setConfirming(null)
    setError('')
    try {
      if (action === 'deploy') await put(`/clusters/${id}/changes`)
      if (action === 'reset') await put(`/clusters/${id}/reset`)
      if (action === 'delete') await del(`/clusters/${id}`)
      dispatchEvent(new Event('nailgun:notifications'))
    } catch (e) {
      setError(errorText(e))
    }
  }
  const live = new Map(state.nodes.map((n) => [n.id, n]))
  const merged = nodes.map((n) => ({ ...n, ...(live.get(n.id) ?? {}) }))
  const running = state.tasks.some((t) => t.status === 'running' || t.status === 'pending')
  const hasChanges =
    cluster.changes?.length > 0 ||
    merged.some((n) => n.pending_addition || n.pending_deletion || n.status === 'discover' || n.status === 'error')
  return (
    <section aria-labelledby="cluster-title">
      <p class="crumbs">
        <a href="#/">Environments</a> / {cluster.name}
      </p>
      <div class="title-row">
        <h1 id="cluster-title">{cluster.name}</h1>
        <StatusBadge status={cluster.status} />
        <span class={connected ? 'live on' : 'live'} title="Live updates">
          {connected ? 'live' : 'reconnecting…'}
        </span>
        <div class="spacer" />
        <button
          type="button"
          class="primary"
          disabled={running || merged.length === 0 || !hasChanges}
          onClick={() => setConfirming('deploy')}
        >
          Deploy changes
        </button>
        <button type="button" disabled={running || cluster.status === 'new'} onClick={() => setConfirming('reset')}>
          Reset
        </button>
        <button type="button" class="danger" onClick={() => setConfirming('delete')}>
          Delete
        </button>
      </div>
      <p class="muted">
        Release: {release ? `${release.name} (${release.version})` : `#${cluster.release_id}`} · {merged.length} node
        {merged.length === 1 ? '' : 's'}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <TaskProgress state={state} />
      <div role="tablist" aria-label="Environment" class="tabs">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls="tabpanel"
            onClick={() => setTab(name)}
          >
            {name}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="tabpanel" aria-labelledby={`tab-${tab}`} class="panel">
        {tab === 'Nodes' && <NodesTable nodes={merged} />}
        {tab === 'Add nodes' && (
          <AssignNodes
            clusterId={id}
            roles={release?.roles ?? []}
            locked={running}
            onAssigned={() => {
              loadNodes()
              setTab('Nodes')
            }}
          />
        )}
        {tab === 'Extensions' && <ClusterExtensions clusterId={id} />}
        {tab === 'Facts' && <Facts clusterId={id} clusterName={cluster.name} />}
      </div>
      {confirming && (
        <Confirm
          title={ACTIONS[confirming].title}
          message={ACTIONS[confirming].message}
          confirmLabel={ACTIONS[confirming].label}
          danger={ACTIONS[confirming].danger}
          onConfirm={() => run(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
    </section>
  )
}

/** The latest top-level task, announced politely to screen readers as it moves. */
function TaskProgress({ state }: { state: ClusterState }) {
  const top = state.tasks.filter((t) => t.parent_id === null).sort((a, b) => b.id - a.id)[0]
  const finished = top && (top.status === 'ready' || top.status === 'error') ? top.id : null
  // A finished task leaves a notification: refresh the unread count now rather than at the next poll.
  useEffect(() => {
    if (finished !== null) dispatchEvent(new Event('nailgun:notifications'))
  }, [finished])
  return (
    <div class="card task" aria-live="polite" aria-atomic="true">
      {top ? (
        <>
          <div class="task-head">
            <strong>
              Task <span class="task-name">{top.name}</span>
            </strong>
            <StatusBadge status={top.status} />
            <span class="muted">{top.message ?? ''}</span>
          </div>
          <Progress value={top.progress ?? 0} label={`${top.name} progress`} />
        </>
      ) : (
        <span class="muted">No task has run on this environment yet.</span>
      )}
    </div>
  )
}
