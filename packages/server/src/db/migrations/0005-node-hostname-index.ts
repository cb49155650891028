/**
 * An index on `nodes (hostname, cluster_id)`: every node joining an environment checks that no
 * other member has its hostname. Without it the check scans the environment's rows, so assigning
 * 10,000 nodes in one request was quadratic (42 s on SQLite, see BENCHMARKS.md). Both columns:
 * on `hostname` alone SQLite still preferred the environment index and scanned.
 */
import type { Kysely, Migration } from 'kysely'

export function nodeHostnameIndex(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('nodes_hostname_idx').on('nodes').columns(['hostname', 'cluster_id']).execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('nodes_hostname_idx').execute()
    },
  }
}
