/** Shared set-up for the environment tests: row counts that prove a refused request changed nothing. */
import type { TestApp } from '@nailgun/testing'

export const API = '/api/v1'

/** Rows of the tables an environment write touches, to compare before and after. */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const db = t.app.ctx.database.db
  const count = async (table: 'clusters' | 'nodegroups' | 'tasks' | 'notifications' | 'nodes') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
  return {
    clusters: await count('clusters'),
    nodegroups: await count('nodegroups'),
    tasks: await count('tasks'),
    notifications: await count('notifications'),
    nodes: await count('nodes'),
  }
}

/** The stored row of an environment (what the API does not show: extensions, generated values). */
export async function clusterRow(t: TestApp, id: number) {
  return t.app.ctx.database.db.selectFrom('clusters').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}
