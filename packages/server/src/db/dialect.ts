/**
 * Every difference between SQLite and PostgreSQL lives here: identity columns, JSON column type,
 * row locks, and the value conversions both drivers need to read and write the same way.
 */
import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
  type ValueNode,
} from 'kysely'

export type DialectName = 'sqlite' | 'postgres'

/** Adds an auto-incrementing integer primary key named `id`. */
export function withIdColumn<T extends string>(
  dialect: DialectName,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
}

/** The column type of a JSON column: jsonb on PostgreSQL, text on SQLite. */
export function jsonType(dialect: DialectName): 'jsonb' | 'text' {
  return dialect === 'postgres' ? 'jsonb' : 'text'
}

/** A NOT NULL JSON column that defaults to the given JSON text (e.g. `'[]'`). */
export function jsonColumn(dialect: DialectName, defaultJson: string) {
  const literal = `'${defaultJson.replaceAll("'", "''")}'`
  // PostgreSQL needs the text default cast to jsonb; SQLite stores the text as is.
  const value = sql.raw(dialect === 'postgres' ? `${literal}::jsonb` : literal)
  return (col: ColumnDefinitionBuilder) => col.notNull().defaultTo(value)
}

export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null)
}

export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback
  // Most JSON columns of most rows hold an empty list or object: nine per node row, read by the
  // ten thousand for an environment's facts.
  if (text === '[]') return [] as T
  if (text === '{}') return {} as T
  return JSON.parse(text) as T
}

/** Locks the selected rows until the end of the transaction (PostgreSQL); SQLite locks the whole file. */
export function forUpdate<QB extends { forUpdate(): QB }>(dialect: DialectName, query: QB): QB {
  return dialect === 'postgres' ? query.forUpdate() : query
}

/** True when the error is a unique-constraint violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  return (
    e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '')
  )
}

/** better-sqlite3 cannot bind booleans: bind them as 1/0, which PostgreSQL reads as booleans too. */
export class SqliteBooleanPlugin implements KyselyPlugin {
  readonly #transformer = new BooleanTransformer()

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node)
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

class BooleanTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = node.value
    return typeof value === 'boolean' ? { ...node, value: value ? 1 : 0 } : super.transformValue(node)
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...node, values: node.values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)) }
  }
}
