/**
 * Creates the Kysely handle for the configured database: SQLite (a file under the data directory,
 * the embedded default) or PostgreSQL (a `postgres://` URL). Both go through the same query code.
 */
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { type DialectName, SqliteBooleanPlugin } from './dialect.js'
import type { Database } from './schema.js'
import { cachingStatements } from './sqlite-statements.js'

export interface DatabaseHandle {
  db: Kysely<Database>
  dialect: DialectName
  /** A short description without secrets, for logs. */
  description: string
  close(): Promise<void>
}

// Both drivers must read the same values: JSON as text (parsed by the repositories), int8 counts as numbers.
pg.types.setTypeParser(pg.types.builtins.JSON, (text: string) => text)
pg.types.setTypeParser(pg.types.builtins.JSONB, (text: string) => text)
pg.types.setTypeParser(pg.types.builtins.INT8, (text: string) => Number(text))

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

export function openDatabase(databaseUrl: string, dataDir: string): DatabaseHandle {
  return isPostgresUrl(databaseUrl) ? openPostgres(databaseUrl) : openSqlite(sqliteFile(databaseUrl, dataDir))
}

function sqliteFile(databaseUrl: string, dataDir: string): string {
  if (databaseUrl === '') return path.join(dataDir, 'nailgun.sqlite')
  const file = databaseUrl.replace(/^sqlite:(\/\/)?/, '')
  return file === ':memory:' ? file : path.resolve(file)
}

function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(sqlite) }),
    plugins: [new SqliteBooleanPlugin()],
  })
  return { db, dialect: 'sqlite', description: `sqlite:${file}`, close: () => db.destroy() }
}

function openPostgres(url: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {})
  // The same for a client checked out (mid-transaction) when the connection drops: the pool's own
  // listener only covers idle clients, and an 'error' event nobody listens to kills the process.
  // The running query still fails, and the pool discards the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => {}))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const safe = new URL(url)
  safe.password = ''
  return { db, dialect: 'postgres', description: safe.toString(), close: () => db.destroy() }
}
