import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createTestDatabase, type TestDatabase } from '@nailgun/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENV_NAMES } from '../../src/config.js'
import { REPO_ROOT, runNailgun } from './run-cli.js'

// Each case spawns real processes (about 1.5 s apiece): generous timeouts for loaded CI machines.
describe('nailgun command line', { timeout: 120_000 }, () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ng-cli-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('prints help listing serve, db and user, and the version', async () => {
    const help = await runNailgun(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Usage: nailgun/)
    for (const command of ['serve', 'db', 'user']) expect(help.stdout).toContain(command)
    const version = await runNailgun(['--version'])
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('gives every setting of serve a flag and its NAILGUN_* variable', async () => {
    const help = await runNailgun(['serve', '--help'])
    expect(help.code).toBe(0)
    const text = help.stdout.replace(/\s+/g, ' ')
    for (const name of Object.values(ENV_NAMES)) expect(text).toContain(`env: ${name}`)
    for (const flag of [
      '--host',
      '--port',
      '--database-url',
      '--auth',
      '--admin-password',
      '--no-migrate',
      '--amqp-url',
    ]) {
      expect(help.stdout).toContain(flag)
    }
    expect((await runNailgun(['db', 'migrate', '--help'])).stdout).toContain('--database-url')
    expect((await runNailgun(['user', 'create', '--help'])).stdout).toContain('--role')
  })

  it('refuses an unknown --auth mode with exit code 1', async () => {
    const res = await runNailgun(['serve', '--auth', 'ldap'])
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/Allowed choices are keystone, none/)
  })

  it('runs through bin/nailgun.js as well', () => {
    const res = spawnSync(process.execPath, [path.join(REPO_ROOT, 'packages/server/bin/nailgun.js'), '--help'], {
      encoding: 'utf8',
    })
    expect(res.status).toBe(0)
    expect(res.stdout).toMatch(/Usage: nailgun/)
  })

  it('migrates a new SQLite file, then finds nothing to do', async () => {
    const url = `sqlite:${path.join(dir, 'migrate.sqlite')}`
    const first = await runNailgun(['db', 'migrate', '--database-url', url])
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/Applied to sqlite:.*migrate\.sqlite: 0001-core-schema/)
    const second = await runNailgun(['db', 'migrate'], { env: { NAILGUN_DATABASE_URL: url } })
    expect(second.stdout).toMatch(/up to date/)
  })

  it('manages users in SQLite: create a reader, list, change a password, delete; never the last admin', async () => {
    const env = { NAILGUN_DATA_DIR: path.join(dir, 'users') }
    expect((await runNailgun(['user', 'list'], { env })).stderr).toMatch(/run `nailgun db migrate` first/)
    await runNailgun(['db', 'migrate'], { env })
    const created = await runNailgun(['user', 'create', 'viewer', '--role', 'reader', '--password-stdin'], {
      env,
      input: 'viewer-password\n',
    })
    expect(created.code).toBe(0)
    expect(created.stdout).toMatch(/Created user 'viewer' \(id 1, role reader\)/)
    expect(created.stdout).not.toContain('viewer-password')
    const admin = await runNailgun(['user', 'create', 'boss', '--role', 'admin'], { env })
    expect(admin.stdout).toMatch(/Password \(shown only this once\): [\w-]{24}/)
    const list = await runNailgun(['user', 'list', '--json'], { env })
    expect(JSON.parse(list.stdout).map((u: { name: string; roles: string[] }) => [u.name, u.roles])).toEqual([
      ['viewer', ['reader']],
      ['boss', ['admin']],
    ])
    expect(list.stdout).not.toMatch(/scrypt|password/i)
    expect((await runNailgun(['user', 'create', 'viewer'], { env })).stderr).toMatch(/already exists/)
    expect((await runNailgun(['user', 'passwd', 'viewer', '--password-stdin'], { env, input: 'short\n' })).code).toBe(1)
    expect(
      (await runNailgun(['user', 'passwd', 'viewer', '--password-stdin'], { env, input: 'long-enough-1\n' })).code,
    ).toBe(0)
    const last = await runNailgun(['user', 'delete', 'boss'], { env })
    expect(last.code).toBe(1)
    expect(last.stderr).toMatch(/last enabled administrator/)
    expect((await runNailgun(['user', 'delete', 'viewer'], { env })).code).toBe(0)
    expect((await runNailgun(['user', 'delete', 'nobody'], { env })).stderr).toMatch(/User not found/)
  })

  describe('on PostgreSQL', () => {
    let pg: TestDatabase
    beforeAll(async () => {
      pg = await createTestDatabase('postgres')
    })
    afterAll(() => pg.drop())

    it('migrates and creates a user through NAILGUN_DATABASE_URL', async () => {
      const env = { NAILGUN_DATABASE_URL: pg.url }
      expect((await runNailgun(['db', 'migrate'], { env })).stdout).toMatch(/Applied to postgres:/)
      const created = await runNailgun(['user', 'create', 'viewer', '--password-stdin'], {
        env,
        input: 'viewer-password',
      })
      expect(created.stdout).toMatch(/role reader/)
    })
  })
})
