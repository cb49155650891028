import SQLite from 'better-sqlite3'
import { type Generated, Kysely, SqliteDialect, sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { cachingStatements } from '../../src/db/sqlite-statements.js'

describe('the SQLite prepared-statement cache', () => {
  const opened: SQLite.Database[] = []
  const open = () => {
    const sqlite = new SQLite(':memory:')
    opened.push(sqlite)
    sqlite.exec('create table t (id integer primary key, name text)')
    return sqlite
  }
  afterEach(() => {
    for (const sqlite of opened.splice(0)) if (sqlite.open) sqlite.close()
  })

  it('prepares a query once and reuses the statement for the same SQL', () => {
    const cache = cachingStatements(open())
    const first = cache.prepare('select * from t where id = ?')
    expect(cache.prepare('select * from t where id = ?')).toBe(first)
    expect(cache.prepare('select * from t where name = ?')).not.toBe(first)
  })

  it('gives a fresh statement while the cached one is still being iterated', () => {
    const sqlite = open()
    sqlite.exec("insert into t (name) values ('a'), ('b')")
    const cache = cachingStatements(sqlite)
    const statement = cache.prepare('select name from t order by id')
    const rows = statement.iterate([])
    rows.next()
    const other = cache.prepare('select name from t order by id')
    expect(other).not.toBe(statement)
    expect(other.all([])).toEqual([{ name: 'a' }, { name: 'b' }])
    expect([...rows]).toEqual([{ name: 'b' }])
    expect(cache.prepare('select name from t order by id')).toBe(statement)
  })

  it('keeps at most its size, dropping the least recently used statement', () => {
    const cache = cachingStatements(open(), 2)
    const a = cache.prepare('select 1')
    const b = cache.prepare('select 2')
    expect(cache.prepare('select 1')).toBe(a)
    cache.prepare('select 3')
    expect(cache.prepare('select 1')).toBe(a)
    expect(cache.prepare('select 2')).not.toBe(b)
  })

  it('serves Kysely queries, transactions and schema changes with the same results', async () => {
    const db = new Kysely<{ t: { id: Generated<number>; name: string } }>({
      dialect: new SqliteDialect({ database: cachingStatements(open()) }),
    })
    for (const name of ['a', 'b', 'c']) await db.insertInto('t').values({ name }).execute()
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('t').set({ name: 'z' }).where('name', '=', 'b').execute()
    })
    await sql`alter table t add column extra text default 'x'`.execute(db)
    const rows = await sql<{ name: string; extra: string }>`select name, extra from t order by id`.execute(db)
    expect(rows.rows).toEqual([
      { name: 'a', extra: 'x' },
      { name: 'z', extra: 'x' },
      { name: 'c', extra: 'x' },
    ])
    await db.destroy()
  })
})
