/**
 * Fuel's defaults for the master settings, so a caller only supplies the master's address and
 * its secrets.
 */
import { DNS_DOMAIN } from '../../domain/node/node-mapper.js'
import type { MasterSettings } from './types.js'

export interface MasterSecrets {
  ip: string
  enginePassword: string
  mcoPassword: string
  mcoPskey: string
}

/** Master settings with Fuel's defaults for everything but the address and the secrets. */
export function masterSettings(secrets: MasterSecrets, overrides: Partial<MasterSettings> = {}): MasterSettings {
  const { ip } = secrets
  return {
    ip,
    engine: { url: `http://${ip}/cobbler_api`, username: 'cobbler', password: secrets.enginePassword },
    authorizedKeys: [],
    timezone: 'Etc/UTC',
    dns: { servers: ip, search: DNS_DOMAIN },
    puppetMaster: ip,
    mco: {
      pskey: secrets.mcoPskey,
      vhost: 'mcollective',
      host: ip,
      user: 'mcollective',
      password: secrets.mcoPassword,
      connector: 'rabbitmq',
    },
    sshKeyPath: '/root/.ssh/id_rsa',
    bootstrapSshKeyPath: '/root/.ssh/bootstrap.rsa',
    imagesPath: '/var/www/nailgun/targetimages',
    imageBuildTimeout: 3600,
    ...overrides,
  }
}
