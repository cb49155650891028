/**
 * `ks_meta`: what fuel-agent (or the Cobbler kickstart) needs on the node being installed: kernel
 * parameters, the master's puppet/mcollective endpoints and credentials, keys, time zone,
 * repositories and images. `pm_data.ks_spaces` (the disk layout) is not here: the volume_manager
 * extension's pipeline adds it.
 */
import type { JsonObject, NodeObject } from '@nailgun/extensions'
import { cloneJson, objectAt, stringAt } from './json.js'
import { kernelParams } from './node-info.js'
import type { ProvisioningContext } from './provisioning-context.js'
import { cloudInitTemplates } from './release-info.js'
import type { SerializerInput } from './types.js'

/** The cobbler snippets paste these values into shell and YAML unescaped, hence the quotes. */
function quoted(value: string): string {
  return `"${value}"`
}

function lines(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
    : []
}

/** Operator, service and root accounts (Fuel 9.0 `operator_user` / `service_user` settings). */
function userAccounts(attrs: JsonObject, keys: readonly string[]): JsonObject[] | undefined {
  const operator = objectAt(attrs, 'operator_user')
  const service = objectAt(attrs, 'service_user')
  if (!operator || !service) return undefined
  const account = (user: JsonObject, sshKeys: string[]) => ({
    name: stringAt(user, 'name') ?? null,
    password: stringAt(user, 'password') ?? null,
    homedir: stringAt(user, 'homedir') ?? null,
    sudo: lines(user.sudo),
    ssh_keys: sshKeys,
  })
  return [
    account(operator, [...lines(operator.authkeys), ...keys]),
    account(service, [...keys]),
    { name: 'root', homedir: '/root', password: stringAt(service, 'root_password') ?? null, ssh_keys: [...keys] },
  ]
}

function mcollective(input: SerializerInput, node: NodeObject): JsonObject {
  const { mco } = input.master
  return {
    mco_auto_setup: 1,
    install_log_2_syslog: 1,
    mco_pskey: mco.pskey,
    mco_vhost: mco.vhost,
    mco_host: mco.host,
    mco_user: mco.user,
    mco_password: mco.password,
    mco_connector: mco.connector,
    mco_enable: 1,
    // Set here rather than left to the agent, which writes it too late on first boot (LP#1518306).
    mco_identity: node.id,
  }
}

export function ksMeta(input: SerializerInput, node: NodeObject, context: ProvisioningContext): JsonObject {
  const { master } = input
  const { attrs } = context
  const meta: JsonObject = {
    pm_data: { kernel_params: kernelParams(node, attrs) },
    fuel_version: input.cluster.fuelVersion,
    cloud_init_templates: cloudInitTemplates(input.release),
    puppet_auto_setup: 1,
    puppet_master: master.puppetMaster,
    puppet_enable: 0,
    ...mcollective(input, node),
    auth_key: quoted(stringAt(attrs, 'auth_key') ?? master.authKey ?? ''),
    authorized_keys: master.authorizedKeys.map(quoted),
    master_ip: master.ip,
    timezone: master.timezone,
  }
  if (context.method === 'image') meta.image_data = cloneJson(context.imageData)
  meta.repo_setup = cloneJson(context.repoSetup)
  meta.gw = context.admin.gateway
  meta.admin_net = context.admin.def.cidrText
  const accounts = userAccounts(attrs, master.authorizedKeys)
  if (accounts) meta.user_accounts = accounts
  return meta
}
