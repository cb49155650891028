import { describe, expect, it } from 'vitest'
import { runNailgun } from '../cli/run-cli.js'

describe('nailgun orchestrator', () => {
  it('is a command of the nailgun CLI, configured like the server (flags and NAILGUN_* variables)', async () => {
    const result = await runNailgun(['orchestrator', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('run the simulated orchestrator on RabbitMQ')
    for (const flag of ['--amqp-url', '--simulator-step-ms', '--log-level', 'NAILGUN_AMQP_URL']) {
      expect(result.stdout).toContain(flag)
    }
    expect((await runNailgun(['--help'])).stdout).toMatch(/orchestrator \[options\]/)
  })
})
