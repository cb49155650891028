/**
 * Agent registration (`POST /nodes`, Nailgun's `NodeValidator.validate` + `Node.create`): only a
 * bootstrap (`discover`) node with a MAC nobody has may register. Creates the node, its NIC rows
 * and the "New node is discovered" notification, then fires `onNodeCreate`, all in one transaction.
 */
import { randomUUID } from 'node:crypto'
import type { NodeObject } from '@nailgun/extensions'
import type { AppContext } from '../../context.js'
import { errors } from '../../errors.js'
import { insertNics, macsInUse } from './node-interfaces.js'
import { nicsFromMeta, normalizeMac, registrationMeta } from './node-meta.js'
import { discoverMessage, notifyNode } from './node-notifications.js'
import { hostnameTaken, insertNode, updateNode } from './node-repo.js'
import type { NodeCreateInput } from './node-schema.js'
import { conflictOnDuplicate } from './node-tx.js'

/** Nailgun's default name: the last two octets of the PXE MAC. */
export function defaultNodeName(mac: string): string {
  return `Untitled (${mac.slice(-5)})`
}

function alreadyExists(mac: string) {
  return errors.nodeExists(`Node with mac ${mac} already exists - doing nothing`)
}

/** Checks Nailgun makes before touching the database, in its order (status, MAC, interfaces). */
function checkRegistration(input: NodeCreateInput): string {
  if (input.status !== 'discover') throw errors.nodeNotDiscover()
  if (!input.mac) throw errors.nodeMacMissing()
  if (input.meta && input.meta.interfaces === undefined) {
    throw errors.invalidData('Failed to discover node: invalid interfaces info')
  }
  return normalizeMac(input.mac)
}

export async function registerNode(ctx: AppContext, input: NodeCreateInput): Promise<NodeObject> {
  const mac = checkRegistration(input)
  const meta = registrationMeta(input.meta ?? {})
  const nics = nicsFromMeta(meta)
  const create = ctx.database.db.transaction().execute(async (trx) => {
    if ((await macsInUse(trx, [mac, ...nics.map((nic) => nic.mac)])).length > 0) throw alreadyExists(mac)
    const uuid = randomUUID()
    const created = await insertNode(trx, {
      uuid,
      name: input.name ?? defaultNodeName(mac),
      mac,
      fields: {
        status: 'discover',
        online: true,
        meta,
        ip: input.ip ?? null,
        manufacturer: input.manufacturer ?? null,
        platformName: input.platform_name ?? null,
        osPlatform: input.os_platform ?? null,
        agentChecksum: input.agent_checksum ?? null,
      },
    })
    // node-<id> unless an operator already gave that name to another unassigned node.
    const taken = await hostnameTaken(trx, `node-${created.id}`, null, created.id)
    const node = await updateNode(trx, created.id, { hostname: taken ? `node-${uuid}` : `node-${created.id}` })
    await insertNics(trx, node.id, nics)
    await notifyNode(trx, node.id, discoverMessage(meta))
    await ctx.extensions.fire(trx, 'onNodeCreate', [node])
    return node
  })
  // Two agents racing with the same MAC: the loser hits the unique index, not our check.
  return conflictOnDuplicate(create, () => alreadyExists(mac))
}
