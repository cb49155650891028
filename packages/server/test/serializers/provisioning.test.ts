import type { JsonObject } from '@nailgun/extensions'
import { describe, expect, it } from 'vitest'
import {
  serializeProvisioning,
  serializeProvisioningCluster,
  serializeProvisioningNode,
} from '../../src/deployment/serializers/index.js'
import { expectGolden } from './golden.js'
import { agentNode, environment, macFor, threeNodeEnvironment } from './node-fixtures.js'

describe('provisioning serializer', () => {
  it('serializes a controller, a compute and a cinder+compute node as the golden file', () => {
    expectGolden('provisioning-3-nodes', serializeProvisioning(threeNodeEnvironment()))
  })

  it('gives the same facts for the same input, whatever the node order', () => {
    const input = threeNodeEnvironment()
    const shuffled = { ...input, nodes: [...input.nodes].reverse() }
    expect(serializeProvisioning(shuffled)).toStrictEqual(serializeProvisioning(input))
  })

  it('points the installer at the PXE NIC and maps every reported NIC by MAC', () => {
    const input = threeNodeEnvironment()
    const facts = serializeProvisioningNode(input, input.nodes[1]!)
    expect(facts.kernel_options).toEqual({
      'netcfg/choose_interface': macFor(2, 0),
      udevrules: [0, 1, 2].map((i) => `${macFor(2, i)}_eth${i}`).join(','),
    })
    expect(facts.interfaces).toMatchObject({
      eth0: { mac_address: macFor(2, 0), ip_address: '10.20.0.4', netmask: '255.255.255.0', use_for_provision: true },
      eth1: { mac_address: macFor(2, 1), static: '0' },
    })
    expect(facts.interfaces_extra).toMatchObject({ eth0: { onboot: 'yes' }, eth1: { onboot: 'no', peerdns: 'no' } })
  })

  it('finds the PXE NIC by MAC even when the agent lists it last', () => {
    const node = agentNode({ id: 7, pendingRoles: ['compute'] })
    node.meta.interfaces = [...(node.meta.interfaces ?? [])].reverse()
    const facts = serializeProvisioningNode(environment([node]), node)
    expect((facts.kernel_options as JsonObject)['netcfg/choose_interface']).toBe(macFor(7, 0))
    expect((facts.interfaces as JsonObject).eth0).toMatchObject({ use_for_provision: true })
  })

  it('leaves the disk layout to the volume_manager pipeline', () => {
    const input = threeNodeEnvironment()
    const ksMeta = serializeProvisioningNode(input, input.nodes[0]!).ks_meta as JsonObject
    expect(ksMeta.pm_data).toEqual({ kernel_params: 'console=tty0 net.ifnames=0 biosdevname=0 rootdelay=90 nomodeset' })
  })

  it('uses the bootstrap key for discovered nodes and the real one once provisioned', () => {
    const fresh = agentNode({ id: 1, pendingRoles: ['compute'] })
    const installed = agentNode({ id: 2, roles: ['compute'], status: 'provisioned' })
    const input = environment([fresh, installed])
    expect(serializeProvisioningNode(input, fresh).power_pass).toBe('/root/.ssh/bootstrap.rsa')
    expect(serializeProvisioningNode(input, installed).power_pass).toBe('/root/.ssh/id_rsa')
  })

  it("prefers the node's own kernel parameters over the environment's", () => {
    const node = { ...agentNode({ id: 1, pendingRoles: ['compute'] }), kernelParams: 'console=ttyS0 hugepages=512' }
    const ksMeta = serializeProvisioningNode(environment([node]), node).ks_meta as JsonObject
    expect(ksMeta.pm_data).toEqual({ kernel_params: 'console=ttyS0 hugepages=512' })
  })

  it('lets compute nodes fail at 2% and builds the Ubuntu images on the master first', () => {
    const cluster = serializeProvisioningCluster(threeNodeEnvironment())
    expect(cluster.fault_tolerance).toEqual([{ uids: ['2', '3'], percentage: 2 }])
    expect(cluster.engine).toMatchObject({ master_ip: '10.20.0.2', provision_method: 'image' })
    const [build] = cluster.pre_provision as JsonObject[]
    expect(build).toMatchObject({ type: 'shell', uids: ['master'], priority: 100 })
    expect((build!.parameters as JsonObject).cmd).toContain('env_1_ubuntu_1404_amd64.img.gz')
  })

  it('skips the image build and the image data with the classic installer', () => {
    const input = threeNodeEnvironment()
    const provision = (input.cluster.attributes.provision as JsonObject).method as JsonObject
    provision.value = 'cobbler'
    const facts = serializeProvisioning(input)
    expect(facts.pre_provision).toEqual([])
    expect(facts.nodes[0]?.ks_meta).not.toHaveProperty('image_data')
    expect(facts.engine.provision_method).toBe('cobbler')
  })

  it('takes repositories from the cluster settings when they define them', () => {
    const input = threeNodeEnvironment()
    const repos = [
      {
        type: 'deb',
        name: 'local',
        uri: 'http://mirror.local/ubuntu',
        suite: 'trusty',
        section: 'main',
        priority: null,
      },
    ]
    input.cluster.attributes.repo_setup = { repos: { value: repos } }
    const ksMeta = serializeProvisioningNode(input, input.nodes[0]!).ks_meta as JsonObject
    expect(ksMeta.repo_setup).toEqual({ repos })
  })

  it('rejects a node that reported no NIC or has no admin address', () => {
    const noNics = agentNode({ id: 1, pendingRoles: ['compute'] })
    noNics.meta.interfaces = []
    expect(() => serializeProvisioningNode(environment([noNics]), noNics)).toThrow(/reported no network interfaces/)
    const noIp = { ...agentNode({ id: 2, pendingRoles: ['compute'] }), ip: null }
    expect(() => serializeProvisioningNode(environment([noIp]), noIp)).toThrow(/has no admin IP address/)
  })
})
