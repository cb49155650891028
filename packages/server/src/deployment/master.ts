/**
 * The Fuel master as the facts describe it. Its address is the gateway of the release's admin
 * (PXE) network, which is where Fuel puts the master. Its secrets (provisioning engine and
 * MCollective credentials) are generated once per installation and kept in `master_settings`, so
 * every server process sharing the database hands nodes the same ones.
 */
import { randomBytes } from 'node:crypto'
import type { ReleaseObject } from '@nailgun/extensions'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { MasterSettings } from './serializers/index.js'
import { masterSettings } from './serializers/index.js'

type Db = Kysely<Database>

/** Fuel's default master address (the admin network gateway of its default networks). */
export const DEFAULT_MASTER_IP = '10.20.0.2'

const SECRET_NAMES = ['engine_password', 'mco_password', 'mco_pskey'] as const
type SecretName = (typeof SECRET_NAMES)[number]

/** The admin network's gateway in the release's networks metadata, if it names one. */
export function masterIpOf(release: ReleaseObject, netProvider = 'neutron'): string {
  const provider = release.networksMetadata[netProvider] ?? release.networksMetadata.neutron
  const networks = (provider as { networks?: unknown } | undefined)?.networks
  const admin = Array.isArray(networks)
    ? networks.find((n): n is { name: string; gateway?: unknown } => n?.name === 'fuelweb_admin')
    : undefined
  return typeof admin?.gateway === 'string' ? admin.gateway : DEFAULT_MASTER_IP
}

/**
 * Reads the secrets, creating the missing ones. Concurrent first uses race harmlessly: the insert
 * keeps the first value written and everyone reads that one back.
 */
async function secrets(db: Db): Promise<Record<SecretName, string>> {
  await db
    .insertInto('master_settings')
    .values(SECRET_NAMES.map((name) => ({ name, value: randomBytes(18).toString('base64url') })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const rows = await db
    .selectFrom('master_settings')
    .selectAll()
    .where('name', 'in', [...SECRET_NAMES])
    .execute()
  const values = Object.fromEntries(rows.map((row) => [row.name, row.value]))
  return values as Record<SecretName, string>
}

export async function loadMasterSettings(db: Db, release: ReleaseObject, netProvider: string): Promise<MasterSettings> {
  const values = await secrets(db)
  return masterSettings({
    ip: masterIpOf(release, netProvider),
    enginePassword: values.engine_password,
    mcoPassword: values.mco_password,
    mcoPskey: values.mco_pskey,
  })
}

/** The provisioning engine block of remove/reset/stop messages (`{url, username, password, master_ip}`). */
export async function loadEngine(db: Db, release: ReleaseObject | undefined, netProvider = 'neutron') {
  const values = await secrets(db)
  const ip = release ? masterIpOf(release, netProvider) : DEFAULT_MASTER_IP
  const { engine } = masterSettings({ ip, enginePassword: values.engine_password, mcoPassword: '', mcoPskey: '' })
  return { url: engine.url, username: engine.username, password: engine.password, master_ip: ip }
}
