import { sql, type Kysely } from "kysely";

/**
 * Editing and restoring communities (issue 8):
 * - `communities.revision` goes up by one with every edit, so two people editing at once cannot lose a write: an
 *   edit names the revision it was made on and is refused (409) when the community has moved on since.
 * - `community_code_versions` keeps the text of every version of a community's code of practice, so what a
 *   member accepted (`memberships.code_version_accepted`) can always be read again. The current versions are
 *   copied in.
 * - The Teams side of un-archiving, apart from the archive's own columns (as 0006 did for archiving): restoring a
 *   team or channel is asynchronous in Graph too (202 + Location of a teamsAsyncOperation).
 * Additive only, so old and new instances can run side by side during an upgrade.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table communities add column revision integer not null default 1`.execute(db);

  await db.schema
    .createTable("community_code_versions")
    .addColumn("community_id", "uuid", (c) => c.notNull().references("communities.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("code_of_practice", "text", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references("people.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("community_code_versions_pk", ["community_id", "version"])
    .execute();
  await sql`
    insert into community_code_versions (community_id, version, code_of_practice, created_by, created_at)
    select id, code_version, code_of_practice, proposed_by, created_at from communities`.execute(db);

  await db.schema
    .alterTable("teams_links")
    .addColumn("unarchive_state", "text", (c) => c.check(sql`unarchive_state in ('queued', 'unarchiving', 'failed')`))
    .addColumn("unarchive_operation", "text")
    .addColumn("unarchive_error", "text")
    .addColumn("unarchive_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("unarchive_updated_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("teams_links")
    .dropColumn("unarchive_state")
    .dropColumn("unarchive_operation")
    .dropColumn("unarchive_error")
    .dropColumn("unarchive_attempts")
    .dropColumn("unarchive_updated_at")
    .execute();
  await db.schema.dropTable("community_code_versions").execute();
  await sql`alter table communities drop column if exists revision`.execute(db);
}
