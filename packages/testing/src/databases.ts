/**
 * Fresh databases for tests: an in-memory SQLite, or a new PostgreSQL database created on the
 * machine's server and dropped afterwards. PostgreSQL is never skipped: when it is unreachable
 * the test fails with the reason.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export type TestDatabaseKind = 'sqlite' | 'postgres'

/** The PostgreSQL server tests use (trust auth on this machine and in CI). */
export const TEST_POSTGRES_URL = process.env.NAILGUN_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** The RabbitMQ broker tests use (guest/guest on this machine and in CI); never skipped. */
export const TEST_AMQP_URL = process.env.NAILGUN_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'

/** Every database kind a storage test must pass on. */
export function databases(): TestDatabaseKind[] {
  return ['sqlite', 'postgres']
}

export interface TestDatabase {
  url: string
  drop(): Promise<void>
}

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') return { url: 'sqlite::memory:', drop: async () => {} }
  const name = `ng_test_${randomBytes(6).toString('hex')}`
  await adminQuery(`CREATE DATABASE ${name}`)
  const url = new URL(TEST_POSTGRES_URL)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(`PostgreSQL is required for this test and is unreachable at ${TEST_POSTGRES_URL}: ${error}`)
  }
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
