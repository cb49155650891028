/**
 * Builds the data a scenario needs, fast: nodes registered as the agent would (same meta, NICs,
 * hostname rule) but in batches inside one transaction through the node repository, then
 * assigned to an environment with one `POST /clusters/<id>/assignment` (the real bulk path).
 */
import { randomUUID } from 'node:crypto'
import { agentPayload, type TestApp } from '@nailgun/testing'
import { insertNics } from '../../packages/server/src/domain/node/node-interfaces.js'
import { nicsFromMeta, registrationMeta } from '../../packages/server/src/domain/node/node-meta.js'
import { discoverMessage, notifyNode } from '../../packages/server/src/domain/node/node-notifications.js'
import { insertNode, updateNode } from '../../packages/server/src/domain/node/node-repo.js'

export interface SeededNode {
  id: number
  mac: string
  payload: Record<string, unknown>
}

/** A realistic agent report: 4 NICs, 3 disks, the kit's CPU/memory/system blocks. */
export function benchPayload(): Record<string, any> {
  return agentPayload({
    interfaces: 4,
    disks: [
      { name: 'sda', size: 480_103_981_056 },
      { name: 'sdb', size: 1_920_383_410_176 },
      { name: 'sdc', size: 1_920_383_410_176 },
    ],
  })
}

export async function seedNodes(t: TestApp, count: number): Promise<SeededNode[]> {
  const db = t.app.ctx.database.db
  const seeded: SeededNode[] = []
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      const payload = benchPayload()
      const meta = registrationMeta(payload.meta)
      const mac = String(payload.mac).toLowerCase()
      const uuid = randomUUID()
      const created = await insertNode(trx, {
        uuid,
        name: `Untitled (${mac.slice(-5)})`,
        mac,
        fields: {
          status: 'discover',
          online: true,
          meta,
          ip: payload.ip,
          manufacturer: payload.manufacturer,
          platformName: payload.platform_name,
          osPlatform: payload.os_platform,
          agentChecksum: payload.agent_checksum,
        },
      })
      await updateNode(trx, created.id, { hostname: `node-${created.id}` })
      await insertNics(trx, created.id, nicsFromMeta(meta))
      await notifyNode(trx, created.id, discoverMessage(meta))
      seeded.push({ id: created.id, mac, payload })
    }
  })
  return seeded
}

const ROLES = [['controller'], ['compute'], ['compute'], ['compute'], ['compute'], ['cinder'], ['compute', 'cinder']]

/** An environment of the seeded release with every node assigned (3 controllers, then a mix). */
export async function assignAll(t: TestApp, nodes: readonly SeededNode[], extensions: readonly string[] = []) {
  const release = await wideRelease(t)
  const cluster = await t.env.createCluster({ release_id: release.id })
  if (extensions.length > 0) expectOk(await t.put(`/api/v1/clusters/${cluster.id}/extensions`, extensions))
  const body = nodes.map((node, i) => ({ id: node.id, roles: i < 3 ? ['controller'] : ROLES[1 + (i % 6)] }))
  expectOk(await t.post(`/api/v1/clusters/${cluster.id}/assignment`, body))
  return cluster
}

function expectOk(res: { status: number; text: string }) {
  if (res.status >= 300) throw new Error(`bench setup: ${res.status} ${res.text.slice(0, 500)}`)
}

/** A copy of the seeded release whose /24 networks are /16s: room for every node's addresses. */
async function wideRelease(t: TestApp) {
  const db = t.app.ctx.database.db
  const row = await db.selectFrom('releases').select('networks_metadata').where('id', '=', 1).executeTakeFirstOrThrow()
  const metadata = JSON.parse(String(row.networks_metadata))
  for (const net of metadata.neutron.networks) {
    if (typeof net.cidr !== 'string') continue
    const [a, b] = net.cidr.split('.')
    net.cidr = `${a}.${b}.0.0/16`
    if (net.ip_range) net.ip_range = [`${a}.${b}.0.3`, `${a}.${b}.${net.name === 'public' ? 127 : 255}.254`]
  }
  metadata.neutron.config.floating_ranges = [['172.16.128.1', '172.16.255.254']]
  return t.env.createRelease({ networks_metadata: JSON.stringify(metadata) })
}
