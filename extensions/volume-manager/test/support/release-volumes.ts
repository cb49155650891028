/**
 * Test inputs: the `volumes_metadata` Fuel releases ship (as the server's release fixtures have it),
 * disks as agents report them, and a node builder. Extensions cannot import the server, so the
 * metadata is restated here.
 */
import type { NodeObject } from '@nailgun/extensions'
import { nodeSpaces } from '../../src/layout/node-spaces.js'
import type { AgentDisk, LayoutInput, VolumesMetadata } from '../../src/layout/types.js'

export const RELEASE_VOLUMES: VolumesMetadata = {
  volumes: [
    {
      id: 'os',
      type: 'vg',
      min_size: { generator: 'calc_min_os_size' },
      label: 'Base System',
      volumes: [
        { mount: '/', type: 'lv', name: 'root', size: { generator: 'calc_total_root_vg' } },
        { mount: 'swap', type: 'lv', name: 'swap', size: { generator: 'calc_swap_size' } },
      ],
    },
    {
      id: 'vm',
      type: 'vg',
      min_size: { generator: 'calc_min_vm_size' },
      label: 'Virtual Storage',
      volumes: [{ mount: '/var/lib/nova', type: 'lv', name: 'nova', size: { generator: 'calc_total_vg' } }],
    },
    {
      id: 'image',
      type: 'vg',
      min_size: { generator: 'calc_min_glance_size' },
      label: 'Image Storage',
      volumes: [{ mount: '/var/lib/glance', type: 'lv', name: 'glance', size: { generator: 'calc_total_vg' } }],
    },
    { id: 'cinder', type: 'vg', min_size: { generator: 'calc_min_cinder_size' }, label: 'Cinder', volumes: [] },
    { id: 'ceph', type: 'partition', min_size: { generator: 'calc_min_ceph_size' }, label: 'Ceph', volumes: [] },
  ],
  volumes_roles_mapping: {
    controller: [
      { allocate_size: 'min', id: 'os' },
      { allocate_size: 'all', id: 'image' },
    ],
    compute: [
      { allocate_size: 'min', id: 'os' },
      { allocate_size: 'all', id: 'vm' },
    ],
    cinder: [
      { allocate_size: 'min', id: 'os' },
      { allocate_size: 'all', id: 'cinder' },
    ],
    'cinder-block-device': [{ allocate_size: 'min', id: 'os' }],
    'ceph-osd': [
      { allocate_size: 'min', id: 'os' },
      { allocate_size: 'full-disk', id: 'ceph' },
    ],
    mongo: [{ allocate_size: 'min', id: 'os' }],
    'base-os': [{ allocate_size: 'all', id: 'os' }],
    virt: [
      { allocate_size: 'min', id: 'os' },
      { allocate_size: 'all', id: 'vm' },
    ],
  },
}

export const GB = 1024 ** 3
/** What agents report for a "1 TB" drive: 1000204886016 bytes = 953869 MB. */
export const TB_DISK = 1000204886016

export function disk(name: string, size: number, extra: Partial<AgentDisk> = {}): AgentDisk {
  return { name, size, disk: name, model: 'TOSHIBA MK1002TS', ...extra }
}

/** The inputs of a node with these roles and disks, 2 GB of RAM unless told. */
export function input(
  roles: string[],
  disks: AgentDisk[],
  options: { ramBytes?: number; imagesCeph?: boolean } = {},
): LayoutInput {
  return {
    disks,
    ramBytes: options.ramBytes ?? 2 * GB,
    spaces: nodeSpaces({
      metadata: RELEASE_VOLUMES,
      roles,
      diskCount: disks.length,
      imagesCeph: options.imagesCeph ?? false,
    }),
  }
}

export function node(overrides: Partial<NodeObject> = {}): NodeObject {
  return {
    id: 1,
    uuid: 'c2b6f4d4-0000-4000-8000-000000000001',
    name: 'Untitled (aa:bb)',
    hostname: 'node-1',
    fqdn: 'node-1.domain.tld',
    mac: '52:54:00:00:aa:bb',
    ip: '10.20.0.3',
    status: 'discover',
    errorType: null,
    errorMsg: null,
    progress: 0,
    online: true,
    clusterId: null,
    groupId: null,
    roles: [],
    pendingRoles: [],
    primaryTags: [],
    pendingAddition: false,
    pendingDeletion: false,
    labels: {},
    meta: { disks: [disk('sda', TB_DISK)], memory: { total: 2 * GB } },
    manufacturer: null,
    platformName: null,
    osPlatform: null,
    kernelParams: null,
    extensions: [],
    replacedDeploymentInfo: [],
    replacedProvisioningInfo: {},
    timestamp: '2016-04-18T00:00:00.000Z',
    ...overrides,
  }
}
