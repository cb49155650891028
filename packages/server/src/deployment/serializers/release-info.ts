/**
 * What the facts derive from the release: the OS profile and codename, the Fuel environment
 * version, default repositories and images. Cluster attributes override each when they carry it.
 */
import type { JsonObject, ReleaseObject } from '@nailgun/extensions'
import { objectAt, stringAt } from './json.js'

const UBUNTU_CODENAMES: Record<string, string> = { '1204': 'precise', '1404': 'trusty', '1604': 'xenial' }

/** `14.04` from "Mitaka on Ubuntu 14.04", or undefined when the name carries no version. */
function ubuntuVersion(release: ReleaseObject): string | undefined {
  const match = /ubuntu\s*(\d{2})\.(\d{2})/i.exec(release.name)
  return match ? `${match[1]}${match[2]}` : undefined
}

function isUbuntu(release: ReleaseObject): boolean {
  return release.operatingSystem.toLowerCase() === 'ubuntu'
}

/** The Cobbler/image profile, e.g. `ubuntu_1404_x86_64` (Nailgun's `cobbler.profile` attribute). */
export function osProfile(release: ReleaseObject, attrs: JsonObject): string {
  const fromAttrs = stringAt(objectAt(attrs, 'cobbler'), 'profile')
  if (fromAttrs) return fromAttrs
  if (isUbuntu(release)) return `ubuntu_${ubuntuVersion(release) ?? '1404'}_x86_64`
  if (release.operatingSystem.toLowerCase() === 'centos') return 'centos-x86_64'
  return `${release.operatingSystem.toLowerCase()}_x86_64`
}

/** The distribution codename the image builder targets (`provision.codename`), e.g. `trusty`. */
export function osCodename(release: ReleaseObject, attrs: JsonObject): string | undefined {
  const fromAttrs = stringAt(objectAt(attrs, 'provision'), 'codename')
  if (fromAttrs) return fromAttrs
  return isUbuntu(release) ? UBUNTU_CODENAMES[ubuntuVersion(release) ?? '1404'] : undefined
}

export function releaseIsUbuntu(release: ReleaseObject): boolean {
  return isUbuntu(release)
}

/** Fuel's environment version, `9.0` for release version `mitaka-9.0`. */
export function environmentVersion(release: ReleaseObject): string {
  const dash = release.version.lastIndexOf('-')
  return dash === -1 ? release.version : release.version.slice(dash + 1)
}

/** The cloud-init templates fuel-agent renders, versioned by environment and OS. */
export function cloudInitTemplates(release: ReleaseObject): JsonObject {
  const suffix = `fuel_${environmentVersion(release)}_${release.operatingSystem.toLowerCase()}.jinja2`
  return { boothook: `boothook_${suffix}`, cloud_config: `cloud_config_${suffix}`, meta_data: `meta_data_${suffix}` }
}

function deb(name: string, uri: string, suite: string, section: string, priority: number | null): JsonObject {
  return { type: 'deb', name, uri, suite, section, priority }
}

/** Fuel's default repositories for a release: the distribution's and MOS's (served by the master). */
export function defaultRepos(release: ReleaseObject, masterIp: string, codename: string | undefined): JsonObject[] {
  const version = environmentVersion(release)
  if (!isUbuntu(release)) {
    return [
      { type: 'rpm', name: 'mos', uri: `http://${masterIp}:8080/${release.version}/centos/x86_64`, priority: null },
    ]
  }
  const suite = codename ?? 'trusty'
  const ubuntu = 'http://archive.ubuntu.com/ubuntu/'
  const mirror = `http://mirror.fuel-infra.org/mos-repos/ubuntu/${version}/`
  return [
    deb('ubuntu', ubuntu, suite, 'main universe multiverse', null),
    deb('ubuntu-updates', ubuntu, `${suite}-updates`, 'main universe multiverse', null),
    deb('ubuntu-security', ubuntu, `${suite}-security`, 'main universe multiverse', null),
    deb('mos', `http://${masterIp}:8080/${release.version}/ubuntu/x86_64`, `mos${version}`, 'main restricted', 1050),
    deb('mos-updates', mirror, `mos${version}-updates`, 'main restricted', 1050),
    deb('mos-security', mirror, `mos${version}-security`, 'main restricted', 1050),
    deb('mos-holdback', mirror, `mos${version}-holdback`, 'main restricted', 1100),
  ]
}

/** The target images fuel-agent writes (`provision.image_data`), built on the master per environment. */
export function defaultImageData(profile: string, clusterId: number, masterIp: string): JsonObject {
  const name = `env_${clusterId}_${profile.replace(/_x86_64$/, '_amd64')}`
  const base = `http://${masterIp}:8080/targetimages/${name}`
  return {
    '/': { uri: `${base}.img.gz`, format: 'ext4', container: 'gzip' },
    '/boot': { uri: `${base}-boot.img.gz`, format: 'ext2', container: 'gzip' },
  }
}
