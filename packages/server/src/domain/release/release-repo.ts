/** Release rows: reading, creating and seeding. */
import type { ReleaseObject } from '@nailgun/extensions'
import type { Kysely, Selectable } from 'kysely'
import { fromJson, toJson } from '../../db/dialect.js'
import type { Database, ReleaseTable } from '../../db/schema.js'
import { RELEASE_FIXTURES, type ReleaseFixture } from './release-fixtures.js'

export type Db = Kysely<Database>

export function toReleaseObject(row: Selectable<ReleaseTable>): ReleaseObject {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    description: row.description,
    operatingSystem: row.operating_system,
    state: row.state as ReleaseObject['state'],
    isDeployable: Boolean(row.is_deployable),
    modes: fromJson(row.modes, []),
    rolesMetadata: fromJson(row.roles_metadata, {}),
    attributesMetadata: fromJson(row.attributes_metadata, {}),
    volumesMetadata: fromJson(row.volumes_metadata, {}),
    networksMetadata: fromJson(row.networks_metadata, {}),
    extensions: fromJson(row.extensions, []),
  }
}

export async function findRelease(db: Db, id: number): Promise<ReleaseObject | undefined> {
  const row = await db.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toReleaseObject(row)
}

export async function listReleases(db: Db): Promise<ReleaseObject[]> {
  const rows = await db.selectFrom('releases').selectAll().orderBy('id').execute()
  return rows.map(toReleaseObject)
}

export async function insertRelease(db: Db, release: ReleaseFixture): Promise<ReleaseObject> {
  const row = await db
    .insertInto('releases')
    .values({
      name: release.name,
      version: release.version,
      description: release.description,
      operating_system: release.operatingSystem,
      state: release.state,
      is_deployable: release.isDeployable,
      modes: toJson(release.modes),
      roles_metadata: toJson(release.rolesMetadata),
      attributes_metadata: toJson(release.attributesMetadata),
      volumes_metadata: toJson(release.volumesMetadata),
      networks_metadata: toJson(release.networksMetadata),
      extensions: toJson(release.extensions),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toReleaseObject(row)
}

/** Inserts the default releases that are missing (by name and version); safe to run on every start. */
export async function seedReleases(db: Db): Promise<number> {
  let added = 0
  for (const fixture of RELEASE_FIXTURES) {
    const existing = await db
      .selectFrom('releases')
      .select('id')
      .where('name', '=', fixture.name)
      .where('version', '=', fixture.version)
      .executeTakeFirst()
    if (existing) continue
    await insertRelease(db, fixture)
    added++
  }
  return added
}
