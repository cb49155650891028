/**
 * The routes that start tasks: deploy (`/changes`, `/changes/redeploy`, `/provision`, `/deploy`),
 * stop, reset, and the deletions (`DELETE /clusters/<id>`, `DELETE /nodes/<id>`,
 * `DELETE /nodes?ids=`). Each answers with the task: 202 while it runs, 200 once finished.
 * Request bodies are ignored, as Nailgun's handlers ignored them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { AppContext } from '../../context.js'
import { errors } from '../../errors.js'
import { ClusterIdParams, IdParams, parseIdList } from '../../http/schemas.js'
import { applyChanges } from './apply-changes.js'
import { deleteCluster } from './cluster-deletion.js'
import { deleteNodesTask } from './node-deletion.js'
import { resetEnvironment } from './reset-environment.js'
import { runOnNodes } from './selected-nodes.js'
import { stopDeployment } from './stop-deployment.js'
import { TASK } from './task-names.js'
import { sendTask } from './task-reply.js'

const NodesQuery = Type.Object({ nodes: Type.Optional(Type.String({ maxLength: 100_000 })) })
const IdsQuery = Type.Object({ ids: Type.Optional(Type.String({ maxLength: 100_000 })) })

const clusterIdOf = (request: FastifyRequest) => (request.params as { cluster_id: number }).cluster_id

/** `?nodes=1,2`; absent or empty: the nodes that wait for it. */
function nodeIdsOf(request: FastifyRequest): number[] | undefined {
  const ids = parseIdList((request.query as { nodes?: string }).nodes)
  return ids?.length ? ids : undefined
}

function clusterRoutes(api: FastifyInstance, ctx: AppContext): void {
  const schema = { params: ClusterIdParams }
  api.put('/clusters/:cluster_id/changes', { schema }, async (request, reply) =>
    sendTask(reply, await applyChanges(ctx, clusterIdOf(request), false)),
  )
  api.put('/clusters/:cluster_id/changes/redeploy', { schema }, async (request, reply) =>
    sendTask(reply, await applyChanges(ctx, clusterIdOf(request), true)),
  )
  const withNodes = { schema: { params: ClusterIdParams, querystring: NodesQuery } }
  api.put('/clusters/:cluster_id/provision', withNodes, async (request, reply) =>
    sendTask(reply, await runOnNodes(ctx, clusterIdOf(request), TASK.provision, nodeIdsOf(request))),
  )
  api.put('/clusters/:cluster_id/deploy', withNodes, async (request, reply) =>
    sendTask(reply, await runOnNodes(ctx, clusterIdOf(request), TASK.deployment, nodeIdsOf(request))),
  )
  api.put('/clusters/:cluster_id/stop_deployment', { schema }, async (request, reply) =>
    sendTask(reply, await stopDeployment(ctx, clusterIdOf(request))),
  )
  api.put('/clusters/:cluster_id/reset', { schema }, async (request, reply) =>
    sendTask(reply, await resetEnvironment(ctx, clusterIdOf(request))),
  )
  api.delete('/clusters/:obj_id', { schema: { params: IdParams } }, async (request, reply) =>
    sendTask(reply, await deleteCluster(ctx, (request.params as { obj_id: number }).obj_id)),
  )
}

function nodeRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.delete('/nodes', { schema: { querystring: IdsQuery } }, async (request, reply) => {
    const ids = parseIdList((request.query as { ids?: string }).ids)
    if (!ids || ids.length === 0) throw errors.invalidIdsList()
    return sendTask(reply, await deleteNodesTask(ctx, ids))
  })
  api.delete('/nodes/:obj_id', { schema: { params: IdParams } }, async (request, reply) =>
    sendTask(reply, await deleteNodesTask(ctx, [(request.params as { obj_id: number }).obj_id])),
  )
}

export function operationsRoutes(api: FastifyInstance, ctx: AppContext): void {
  clusterRoutes(api, ctx)
  nodeRoutes(api, ctx)
}
