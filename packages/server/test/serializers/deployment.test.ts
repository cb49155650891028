import type { JsonObject } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import {
  serializeDeployment,
  serializeDeploymentCommon,
  serializeDeploymentNode,
} from '../../src/deployment/serializers/index.js'
import { expectGolden } from './golden.js'
import { agentNode, environment, threeNodeEnvironment } from './node-fixtures.js'

const endpoints = (facts: JsonObject) => (facts.network_scheme as JsonObject).endpoints as JsonObject

describe('deployment serializer', () => {
  it('serializes a controller, a compute and a cinder+compute node as the golden file', () => {
    expectGolden('deployment-3-nodes', serializeDeployment(threeNodeEnvironment()))
  })

  it('gives a node with several roles one entry listing them all', () => {
    const facts = serializeDeployment(threeNodeEnvironment())
    expect(facts.nodes.map((node) => [node.uid, node.roles])).toEqual([
      ['1', ['controller']],
      ['2', ['compute']],
      ['3', ['cinder', 'compute']],
    ])
  })

  it('derives addresses from the release CIDRs: VIPs first, then nodes by id; public only where needed', () => {
    const facts = serializeDeployment(threeNodeEnvironment())
    expect(facts.common).toMatchObject({
      management_vrouter_vip: '192.168.0.1',
      management_vip: '192.168.0.2',
      public_vrouter_vip: '172.16.0.2',
      public_vip: '172.16.0.3',
    })
    const [controller, compute] = facts.nodes
    expect(endpoints(controller!)).toMatchObject({
      'br-fw-admin': { IP: ['10.20.0.3/24'] },
      'br-mgmt': { IP: ['192.168.0.3/24'], vendor_specific: { vlans: 101 } },
      'br-storage': { IP: ['192.168.1.1/24'], vendor_specific: { vlans: 102 } },
      'br-ex': { IP: ['172.16.0.4/24'], gateway: '172.16.0.1' },
    })
    expect(endpoints(compute!)).not.toHaveProperty('br-ex')
    expect(endpoints(compute!)['br-fw-admin']).toMatchObject({ IP: ['10.20.0.4/24'], gateway: '10.20.0.2' })
  })

  it('gives every node a public address when the setting asks for it', () => {
    const input = threeNodeEnvironment()
    const assignment = input.cluster.attributes.public_network_assignment as JsonObject
    ;(assignment.assign_to_all_nodes as JsonObject).value = true
    const facts = serializeDeployment(input)
    expect(facts.nodes.map((node) => endpoints(node)['br-ex'])).toEqual([
      expect.objectContaining({ IP: ['172.16.0.4/24'] }),
      expect.objectContaining({ IP: ['172.16.0.5/24'] }),
      expect.objectContaining({ IP: ['172.16.0.6/24'] }),
    ])
  })

  it('summarises every node once, in common.network_metadata, and never inside node entries', () => {
    const facts = serializeDeployment(threeNodeEnvironment())
    const metadata = facts.common.network_metadata as JsonObject
    expect(Object.keys(metadata.nodes as JsonObject)).toEqual(['node-1', 'node-2', 'node-3'])
    expect((metadata.nodes as JsonObject)['node-3']).toMatchObject({
      uid: '3',
      node_roles: ['cinder', 'compute'],
      network_roles: { management: '192.168.0.5', storage: '192.168.1.3', ex: null },
    })
    for (const node of facts.nodes) {
      expect(node).not.toHaveProperty('nodes')
      expect(node).not.toHaveProperty('network_metadata')
      const others = facts.nodes.filter((other) => other !== node).map((other) => other.fqdn)
      for (const fqdn of others) expect(JSON.stringify(node)).not.toContain(fqdn)
    }
  })

  it('makes the first controller by id primary and deploys it first, the others one by one', () => {
    const input = environment([
      agentNode({ id: 4, pendingRoles: ['compute'] }),
      agentNode({ id: 3, pendingRoles: ['controller'] }),
      agentNode({ id: 1, pendingRoles: ['controller'] }),
      agentNode({ id: 2, pendingRoles: ['controller'] }),
    ])
    const facts = serializeDeployment(input)
    expect(facts.nodes.map((n) => [n.uid, n.primary_controller, n.primary_tags, n.priority])).toEqual([
      ['1', true, ['controller'], 100],
      ['2', false, [], 200],
      ['3', false, [], 300],
      ['4', false, [], 400],
    ])
    expect(facts.common.last_controller).toBe('node-3')
    const nodes = (facts.common.network_metadata as JsonObject).nodes as JsonObject
    expect((nodes['node-1'] as JsonObject).node_roles).toEqual(['primary-controller'])
  })

  it('keeps the primary controller that an earlier deployment chose', () => {
    const input = environment([
      agentNode({ id: 1, roles: ['controller'] }),
      agentNode({ id: 2, roles: ['controller'], primaryTags: ['controller'] }),
    ])
    expect(serializeDeployment(input).nodes.map((n) => n.primary_controller)).toEqual([false, true])
  })

  it('marks nodes being deleted and leaves them out of the summary and the primary election', () => {
    const input = environment([
      agentNode({ id: 1, roles: ['controller'], pendingDeletion: true }),
      agentNode({ id: 2, roles: ['controller'] }),
    ])
    const facts = serializeDeployment(input)
    expect(facts.nodes[0]).toMatchObject({ uid: '1', deleted: true, primary_controller: false })
    expect(facts.nodes[1]).toMatchObject({ uid: '2', primary_controller: true })
    expect(Object.keys((facts.common.network_metadata as JsonObject).nodes as JsonObject)).toEqual(['node-2'])
  })

  it('refuses a node that is not part of the input', () => {
    const input = threeNodeEnvironment()
    const stranger = agentNode({ id: 9, pendingRoles: ['compute'] })
    expect(() => serializeDeploymentNode(input, stranger)).toThrow(
      "Node 'node-9' is not among the nodes being serialized",
    )
  })

  it('leaves nodes without roles out of the deployment', () => {
    const input = environment([agentNode({ id: 1, pendingRoles: ['controller'] }), agentNode({ id: 2 })])
    expect(serializeDeployment(input).nodes.map((n) => n.uid)).toEqual(['1'])
  })

  it('flattens the settings like Nailgun and adds the generated secrets', () => {
    const common = serializeDeploymentCommon(threeNodeEnvironment())
    expect(common.access).toEqual({
      metadata: { label: 'OpenStack Access', weight: 10, group: 'general' },
      user: 'admin',
      password: 'admin',
      tenant: 'admin',
      email: 'admin@localhost',
    })
    expect(common).toMatchObject({ debug: false, libvirt_type: 'qemu', mysql: { root_password: 'Ub7mQa3LrW9c' } })
    expect(common).not.toHaveProperty('common')
    expect(common).not.toHaveProperty('metadata')
    expect(common).toMatchObject({ use_cinder: true, deployment_id: 1, openstack_version: 'mitaka-9.0' })
  })

  it('sizes Ceph placement groups from the OSD disks', () => {
    const input = environment([
      agentNode({ id: 1, pendingRoles: ['controller'] }),
      ...[2, 3, 4, 5, 6].map((id) => agentNode({ id, pendingRoles: ['ceph-osd'] })),
    ])
    const storage = input.cluster.attributes.storage as JsonObject
    ;(storage.volumes_ceph as JsonObject).value = true
    ;(storage.images_ceph as JsonObject).value = true
    // 5 nodes x 2 data disks = 10 OSDs, 3 replicas: 667 PG copies shared by weight 21.
    expect(serializeDeploymentCommon(input).storage).toMatchObject({
      pg_num: 64,
      per_pool_pg_nums: { default_pg_num: 64, volumes: 512, backups: 128, images: 64, compute: 64, '.rgw': 64 },
    })
    expect(serializeDeploymentNode(input, input.nodes[1]!).glance).toEqual({ image_cache_max_size: '0' })
  })

  it('does not let a pipeline editing the facts change the next serialization', () => {
    const input = threeNodeEnvironment()
    const first = serializeDeploymentCommon(input)
    ;(first.access as JsonObject).user = 'mallory'
    ;((first.network_metadata as JsonObject).vips as JsonObject).management = {}
    expect(serializeDeploymentCommon(input)).toMatchObject({ access: { user: 'admin' }, management_vip: '192.168.0.2' })
    expect(serializeDeploymentCommon(input).network_metadata).toMatchObject({
      vips: { management: { ipaddr: '192.168.0.2' } },
    })
  })

  it('fails with the network when it runs out of addresses', () => {
    // management 192.168.0.0/24: 254 addresses, two of them VIPs.
    const nodes = Array.from({ length: 253 }, (_, i) => agentNode({ id: i + 1, pendingRoles: ['compute'] }))
    expect(() => serializeDeployment(environment(nodes))).toThrow(
      "Not enough free IP addresses in ranges [192.168.0.1-192.168.0.254] of 'management' network",
    )
    expect(() => serializeDeployment(environment(nodes.slice(0, 252)))).not.toThrow()
  })
})
