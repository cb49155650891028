/** Shared set-up of the extension host tests: fixture packages, a capturing logger, environments. */
import path from 'node:path'
import type { ClusterObject, NodeObject } from '@nailgun/extensions'
import type { TestApp } from '@nailgun/testing'
import { insertCluster } from '../../src/domain/cluster/cluster-repo.js'
import type { HostLogger } from '../../src/extensions/logger.js'

export const API = '/api/v1'

/** The directory of a fixture package under fixtures/. */
export function fixture(name: string): string {
  return path.join(import.meta.dirname, 'fixtures', name)
}

export interface LogLine {
  level: string
  message: string
  data: Record<string, unknown>
}

/** A logger that keeps every line, for asserting on warnings. */
export function captureLog(
  lines: LogLine[] = [],
  bindings: Record<string, unknown> = {},
): HostLogger & { lines: LogLine[] } {
  const at = (level: string) => (data: object, message?: string) =>
    lines.push({ level, message: message ?? '', data: { ...bindings, ...data } })
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => captureLog(lines, { ...bindings, ...more }),
  }
}

let clusterSeq = 0

/** An environment of the first seeded release with the given extensions enabled, straight through the repository. */
export async function createCluster(t: TestApp, extensions: string[] = []): Promise<ClusterObject> {
  return insertCluster(t.app.ctx.database.db, {
    name: `ext-env-${++clusterSeq}`,
    mode: 'ha_compact',
    netProvider: 'neutron',
    releaseId: 1,
    fuelVersion: '10.0',
    attributes: {},
    generatedAttributes: {},
    extensions,
    uiSettings: {},
  })
}

/** A node object for pipeline tests (pipelines receive objects, not rows). */
export function nodeObject(id: number, overrides: Partial<NodeObject> = {}): NodeObject {
  return {
    id,
    uuid: `uuid-${id}`,
    name: `node-${id}`,
    hostname: `node-${id}`,
    fqdn: `node-${id}.domain.tld`,
    mac: `52:54:00:00:00:${String(id).padStart(2, '0')}`,
    ip: null,
    status: 'discover',
    errorType: null,
    errorMsg: null,
    progress: 0,
    online: true,
    clusterId: 1,
    groupId: null,
    roles: [],
    pendingRoles: ['compute'],
    primaryTags: [],
    pendingAddition: true,
    pendingDeletion: false,
    labels: {},
    meta: {},
    manufacturer: null,
    platformName: null,
    osPlatform: null,
    kernelParams: null,
    extensions: [],
    replacedDeploymentInfo: [],
    replacedProvisioningInfo: {},
    timestamp: new Date().toISOString(),
    ...overrides,
  }
}
