/** The core schema: releases, environments, node groups, nodes, tasks, notifications, users, tokens. */
import type { Kysely, Migration } from 'kysely'
import { type DialectName, jsonColumn, withIdColumn } from '../dialect.js'

export function coreSchema(dialect: DialectName): Migration {
  const json = (defaultJson: string) => jsonColumn(dialect, defaultJson)
  return {
    async up(db: Kysely<unknown>) {
      await withIdColumn(dialect, db.schema.createTable('releases'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('version', 'varchar(30)', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('operating_system', 'varchar(50)', (c) => c.notNull())
        .addColumn('state', 'varchar(20)', (c) => c.notNull().defaultTo('available'))
        .addColumn('is_deployable', 'boolean', (c) => c.notNull().defaultTo(true))
        .addColumn('modes', 'text', json('[]'))
        .addColumn('roles_metadata', 'text', json('{}'))
        .addColumn('attributes_metadata', 'text', json('{}'))
        .addColumn('volumes_metadata', 'text', json('{}'))
        .addColumn('networks_metadata', 'text', json('{}'))
        .addColumn('extensions', 'text', json('[]'))
        .addUniqueConstraint('releases_name_version_key', ['name', 'version'])
        .execute()

      await withIdColumn(dialect, db.schema.createTable('clusters'))
        .addColumn('name', 'varchar(50)', (c) => c.notNull().unique())
        .addColumn('mode', 'varchar(20)', (c) => c.notNull().defaultTo('ha_compact'))
        .addColumn('status', 'varchar(30)', (c) => c.notNull().defaultTo('new'))
        .addColumn('net_provider', 'varchar(20)', (c) => c.notNull().defaultTo('neutron'))
        .addColumn('release_id', 'integer', (c) => c.notNull().references('releases.id'))
        .addColumn('fuel_version', 'varchar(30)', (c) => c.notNull())
        .addColumn('ui_settings', 'text', json('{}'))
        .addColumn('attributes', 'text', json('{}'))
        .addColumn('generated_attributes', 'text', json('{}'))
        .addColumn('replaced_deployment_info', 'text', json('{}'))
        .addColumn('replaced_provisioning_info', 'text', json('{}'))
        .addColumn('is_customized', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('extensions', 'text', json('[]'))
        .addColumn('pending_changes', 'text', json('[]'))
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute()

      await withIdColumn(dialect, db.schema.createTable('nodegroups'))
        .addColumn('cluster_id', 'integer', (c) => c.notNull().references('clusters.id').onDelete('cascade'))
        .addColumn('name', 'varchar(50)', (c) => c.notNull())
        .addColumn('is_default', 'boolean', (c) => c.notNull().defaultTo(false))
        .addUniqueConstraint('nodegroups_cluster_id_name_key', ['cluster_id', 'name'])
        .execute()

      await withIdColumn(dialect, db.schema.createTable('nodes'))
        .addColumn('uuid', 'varchar(36)', (c) => c.notNull().unique())
        .addColumn('cluster_id', 'integer', (c) => c.references('clusters.id').onDelete('set null'))
        .addColumn('group_id', 'integer', (c) => c.references('nodegroups.id').onDelete('set null'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('discover'))
        .addColumn('error_type', 'varchar(30)')
        .addColumn('error_msg', 'text')
        .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('online', 'boolean', (c) => c.notNull().defaultTo(true))
        .addColumn('timestamp', 'varchar(40)', (c) => c.notNull())
        .addColumn('mac', 'varchar(17)', (c) => c.notNull().unique())
        .addColumn('ip', 'varchar(45)')
        .addColumn('hostname', 'varchar(255)', (c) => c.notNull())
        .addColumn('meta', 'text', json('{}'))
        .addColumn('manufacturer', 'varchar(100)')
        .addColumn('platform_name', 'varchar(150)')
        .addColumn('os_platform', 'varchar(150)')
        .addColumn('kernel_params', 'text')
        .addColumn('labels', 'text', json('{}'))
        .addColumn('pending_addition', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('pending_deletion', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('roles', 'text', json('[]'))
        .addColumn('pending_roles', 'text', json('[]'))
        .addColumn('primary_tags', 'text', json('[]'))
        .addColumn('replaced_deployment_info', 'text', json('[]'))
        .addColumn('replaced_provisioning_info', 'text', json('{}'))
        .addColumn('extensions', 'text', json('[]'))
        .addColumn('agent_checksum', 'varchar(64)')
        .execute()
      await db.schema.createIndex('nodes_cluster_id_idx').on('nodes').column('cluster_id').execute()

      await withIdColumn(dialect, db.schema.createTable('node_nic_interfaces'))
        .addColumn('node_id', 'integer', (c) => c.notNull().references('nodes.id').onDelete('cascade'))
        .addColumn('name', 'varchar(128)', (c) => c.notNull())
        .addColumn('mac', 'varchar(17)', (c) => c.notNull().unique())
        .execute()
      await db.schema
        .createIndex('node_nic_interfaces_node_id_idx')
        .on('node_nic_interfaces')
        .column('node_id')
        .execute()

      await withIdColumn(dialect, db.schema.createTable('tasks'))
        .addColumn('uuid', 'varchar(36)', (c) => c.notNull().unique())
        .addColumn('cluster_id', 'integer', (c) => c.references('clusters.id').onDelete('cascade'))
        .addColumn('parent_id', 'integer', (c) => c.references('tasks.id').onDelete('cascade'))
        .addColumn('name', 'varchar(64)', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('pending'))
        .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('message', 'text')
        .addColumn('result', 'text', json('{}'))
        .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
        .addColumn('cache', 'text', json('{}'))
        .addColumn('time_start', 'varchar(40)')
        .addColumn('time_end', 'varchar(40)')
        .addColumn('deleted_at', 'varchar(40)')
        .execute()
      await db.schema.createIndex('tasks_cluster_id_idx').on('tasks').column('cluster_id').execute()

      await withIdColumn(dialect, db.schema.createTable('notifications'))
        .addColumn('cluster_id', 'integer', (c) => c.references('clusters.id').onDelete('set null'))
        .addColumn('node_id', 'integer', (c) => c.references('nodes.id').onDelete('set null'))
        .addColumn('task_id', 'integer', (c) => c.references('tasks.id').onDelete('set null'))
        .addColumn('topic', 'varchar(20)', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('unread'))
        .addColumn('datetime', 'varchar(40)', (c) => c.notNull())
        .execute()

      await withIdColumn(dialect, db.schema.createTable('users'))
        .addColumn('name', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', json('[]'))
        .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('tokens')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('tenant', 'varchar(64)', (c) => c.notNull())
        .addColumn('issued_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('revoked', 'boolean', (c) => c.notNull().defaultTo(false))
        .execute()
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'tokens',
        'users',
        'notifications',
        'tasks',
        'node_nic_interfaces',
        'nodes',
        'nodegroups',
        'clusters',
        'releases',
      ]) {
        await db.schema.dropTable(table).execute()
      }
    },
  }
}
