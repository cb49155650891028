import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { factsContract } from '../../src/deployment/facts-contract/facts-contract.js'

describe('facts contract setting', () => {
  it("defaults to 'report' and takes NAILGUN_FACTS_CONTRACT or the flag", () => {
    expect(loadConfig({}, {}).factsContract).toBe('report')
    expect(loadConfig({}, { NAILGUN_FACTS_CONTRACT: 'enforce' }).factsContract).toBe('enforce')
    expect(loadConfig({ factsContract: 'off' }, { NAILGUN_FACTS_CONTRACT: 'enforce' }).factsContract).toBe('off')
  })

  it('refuses another mode with NG_ERR_CONFIG', () => {
    expect(() => loadConfig({}, { NAILGUN_FACTS_CONTRACT: 'strict' })).toThrow(
      expect.objectContaining({ code: 'NG_ERR_CONFIG' }),
    )
  })

  it('compiles each schema once and reports a missing field at its own path', () => {
    const contract = factsContract('provisioning')

    expect(factsContract('provisioning')).toBe(contract)
    expect(
      contract.checkEnvironment({ engine: { url: 'http://x', username: 'u', password: 'p', master_ip: '10.0.0.2' } }),
    ).toEqual([{ path: '/engine/provision_method', message: "must have required property 'provision_method'" }])
    expect(contract.checkNode({ uid: '1', interfaces: {} }, 4).map((v) => v.path)).toContain('/nodes/4/interfaces')
  })
})
