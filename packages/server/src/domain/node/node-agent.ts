/**
 * Agent check-in (`PUT /nodes/agent`, Nailgun's `NodeAgentHandler` + `Node.update_by_agent`), the
 * hottest path of the server: every node reports every minute. An unchanged report (same
 * `agent_checksum`) from an online node joins a batched UPDATE; anything else is one transaction
 * that locks the node, applies the report (and the NIC sync) and fires `onNodeUpdate`.
 */
import type { NodeObject, NodeStatus } from '@nailgun/extensions'
import type { Kysely, Selectable } from 'kysely'
import type { AppContext } from '../../context.js'
import { type DialectName, forUpdate } from '../../db/dialect.js'
import type { Database, NodeTable } from '../../db/schema.js'
import { errors } from '../../errors.js'
import type { Heartbeat, HeartbeatBatcher } from './node-heartbeats.js'
import { syncNics } from './node-interfaces.js'
import { toNodeObject } from './node-mapper.js'
import { interfacesLocked, mergeMeta, nicsFromMeta, normalizeMac } from './node-meta.js'
import { backOnlineMessage, notifyNode } from './node-notifications.js'
import { type NodeFields, updateNode } from './node-repo.js'
import type { AgentUpdateInput } from './node-schema.js'
import { conflictOnDuplicate } from './node-tx.js'
import { fireNodeUpdate } from './node-update.js'

type Db = Kysely<Database>
type NodeRow = Selectable<NodeTable>

export interface AgentReply {
  id: number
  cached?: true
}

/** While the orchestrator drives a node, the status it reports is the orchestrator's, not the agent's. */
const AGENT_STATUS_LOCKED: ReadonlySet<NodeStatus> = new Set(['provisioning', 'deploying', 'removing', 'error'])

/**
 * Finds the reporting node as Nailgun's `get_by_meta` does: by PXE MAC when the report has one,
 * else by id; failing that by any reported NIC MAC (a replaced PXE NIC). The usual case is one
 * indexed lookup; the row stays locked until the check-in commits.
 */
async function findReportingNode(db: Db, dialect: DialectName, input: AgentUpdateInput): Promise<NodeRow> {
  const mac = input.mac ? normalizeMac(input.mac) : undefined
  if (mac === undefined && input.id === undefined) throw errors.nodeIdentifierMissing()
  const nodes = db.selectFrom('nodes').selectAll()
  const direct = mac !== undefined ? nodes.where('mac', '=', mac) : nodes.where('id', '=', input.id as number)
  const found = await forUpdate(dialect, direct).executeTakeFirst()
  if (found) return found
  const nicMacs = nicsFromMeta(input.meta ?? {}).map((nic) => nic.mac)
  const byNic =
    nicMacs.length === 0
      ? undefined
      : await forUpdate(
          dialect,
          nodes
            .where('id', 'in', db.selectFrom('node_nic_interfaces').select('node_id').where('mac', 'in', nicMacs))
            .orderBy('id')
            .limit(1),
        ).executeTakeFirst()
  // 400, not 404: on 400 nailgun-agent registers again with POST /nodes (the node was deleted).
  if (!byNic) throw errors.invalidData(mac !== undefined ? 'Invalid MAC is specified' : 'Invalid ID specified')
  return byNic
}

function reportedStatus(node: NodeObject, input: AgentUpdateInput): NodeFields {
  return input.status && !AGENT_STATUS_LOCKED.has(node.status) ? { status: input.status } : {}
}

/** The fields a changed report writes, with Nailgun's protections for deployed hardware. */
function reportFields(node: NodeObject, input: AgentUpdateInput, now: string): NodeFields {
  const fields: NodeFields = { timestamp: now, online: true, ...reportedStatus(node, input) }
  if (input.agent_checksum !== undefined) fields.agentChecksum = input.agent_checksum
  if (input.meta) fields.meta = mergeMeta(node.meta, input.meta, { agent: true, status: node.status })
  if (input.manufacturer !== undefined) fields.manufacturer = input.manufacturer
  if (input.platform_name !== undefined) fields.platformName = input.platform_name
  if (input.os_platform !== undefined) fields.osPlatform = input.os_platform
  if (!interfacesLocked(node.status, node.errorType, true)) {
    if (input.ip) fields.ip = input.ip
    if (input.mac) fields.mac = normalizeMac(input.mac)
  }
  return fields
}

async function applyReport(ctx: AppContext, trx: Db, row: NodeRow, input: AgentUpdateInput, now: string) {
  const before = toNodeObject(row)
  const after = await updateNode(trx, row.id, reportFields(before, input, now))
  if (input.meta?.interfaces !== undefined && !interfacesLocked(before.status, before.errorType, true)) {
    const { skipped } = await syncNics(trx, row.id, nicsFromMeta(after.meta))
    if (skipped.length > 0) ctx.log.warn({ nodeId: row.id, skipped }, 'NICs owned by other nodes were not stored')
  }
  await fireNodeUpdate({ db: trx, events: ctx.extensions }, before, after)
}

/** An unchanged report only proves the node is alive. */
async function touch(ctx: AppContext, trx: Db, row: NodeRow, now: string): Promise<void> {
  await trx.updateTable('nodes').set({ timestamp: now, online: true }).where('id', '=', row.id).execute()
  if (!row.online) {
    const before = toNodeObject(row)
    await fireNodeUpdate({ db: trx, events: ctx.extensions }, before, { ...before, online: true })
  }
}

/** The heartbeat of an unchanged report, when the report names its node directly. */
function heartbeatOf(input: AgentUpdateInput): Heartbeat | undefined {
  if (input.agent_checksum === undefined) return undefined
  if (input.mac) return { mac: normalizeMac(input.mac), checksum: input.agent_checksum }
  return input.id !== undefined ? { id: input.id, checksum: input.agent_checksum } : undefined
}

/**
 * An unchanged report from an online node only moves its timestamp, batched with others
 * (node-heartbeats.ts); anything else is the full, locked path below.
 */
export async function agentCheckIn(
  ctx: AppContext,
  heartbeats: HeartbeatBatcher,
  input: AgentUpdateInput,
): Promise<AgentReply> {
  const beat = heartbeatOf(input)
  const touched = beat ? await heartbeats.touch(beat) : undefined
  if (touched !== undefined) return { id: touched, cached: true }
  const { db, dialect } = ctx.database
  const work = db.transaction().execute(async (trx): Promise<AgentReply> => {
    const row = await findReportingNode(trx, dialect, input)
    const now = new Date().toISOString()
    if (!row.online) await notifyNode(trx, row.id, backOnlineMessage(row.name))
    if (input.agent_checksum !== undefined && input.agent_checksum === row.agent_checksum) {
      await touch(ctx, trx, row, now)
      return { id: row.id, cached: true }
    }
    await applyReport(ctx, trx, row, input, now)
    return { id: row.id }
  })
  return conflictOnDuplicate(work, () => errors.nodeExists(`Node with mac ${input.mac} already exists`))
}
