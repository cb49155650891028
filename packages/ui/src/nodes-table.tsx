import type { Json } from './api.ts'
import { hardware } from './format.ts'
import { Progress, StatusBadge } from './status.tsx'

export function NodesTable({ nodes }: { nodes: Json[] }) {
  if (nodes.length === 0) return <p class="muted">No node in this environment: add some from the “Add nodes” tab.</p>
  return (
    <table class="grid nodes">
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">CPU</th>
          <th scope="col">RAM</th>
          <th scope="col">Disks</th>
          <th scope="col">Roles</th>
          <th scope="col">Status</th>
          <th scope="col">Progress</th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((n) => {
          const hw = hardware(n.meta)
          const roles: string[] = n.roles ?? []
          const pending: string[] = n.pending_roles ?? []
          return (
            <tr key={n.id} data-node-id={n.id}>
              <th scope="row">
                {n.name}
                <div class="muted mono">{n.mac}</div>
              </th>
              <td>{hw.cpu}</td>
              <td>{hw.ram}</td>
              <td title={hw.disks}>{hw.diskTotal}</td>
              <td>
                {roles.map((r) => (
                  <span key={r} class="role">
                    {r}
                  </span>
                ))}
                {pending.map((r) => (
                  <span key={r} class="role pending" title="pending: deployed with the next changes">
                    {r}*
                  </span>
                ))}
              </td>
              <td>
                <StatusBadge status={n.status} />
                {n.online === false && <span class="muted"> offline</span>}
              </td>
              <td class="progress-cell">
                <Progress value={n.status === 'ready' ? 100 : (n.progress ?? 0)} label={`${n.name} progress`} />
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
