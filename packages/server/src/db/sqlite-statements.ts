/**
 * A prepared-statement cache in front of better-sqlite3 for Kysely's SQLite dialect. Kysely
 * prepares every query afresh; compiling the SQL was about 15 % of an agent check-in. The server
 * runs a small, fixed set of query shapes (values are bound parameters), so statements are kept by
 * SQL text, least recently used dropped past a bound. A statement still being iterated (Kysely's
 * `streamQuery`) is busy and cannot run again until it finishes: such a query gets a fresh one.
 * @module
 */
import type SQLite from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

export const STATEMENT_CACHE_SIZE = 500

export function cachingStatements(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  const prepare = (sql: string): SqliteStatement => {
    const cached = cache.get(sql)
    if (cached && !cached.busy) {
      // Map keeps insertion order: re-inserting marks it as the most recently used.
      cache.delete(sql)
      cache.set(sql, cached)
      return cached
    }
    const statement = sqlite.prepare(sql)
    if (!cached) remember(cache, sql, statement, size)
    return statement
  }
  return {
    prepare,
    close: () => {
      cache.clear()
      sqlite.close()
    },
  }
}

function remember(cache: Map<string, SQLite.Statement>, sql: string, statement: SQLite.Statement, size: number) {
  cache.set(sql, statement)
  if (cache.size <= size) return
  const oldest = cache.keys().next().value
  if (oldest !== undefined) cache.delete(oldest)
}
