import { sql, type Kysely } from "kysely";

/**
 * Teams state that Guildhall must remember apart from its own:
 * - the Teams archive of a community's team or channel (asynchronous in Graph), separate from the community's
 *   Guildhall status, so the tab can say "archived in Guildhall, still being archived in Teams" or show a failure;
 * - people Teams refused to add to a team in a bulk add (207), with Graph's reason, so they are not re-sent on
 *   every sync (each bulk add counts against the 4-a-minute member-add limit);
 * - people Guildhall itself added to a team, so membership sync only ever removes those (never someone a
 *   team owner added, and never the team's owners).
 * Additive only, so old and new instances can run side by side during an upgrade.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("teams_links")
    .addColumn("archive_state", "text", (c) => c.check(sql`archive_state in ('queued', 'archiving', 'archived', 'failed')`))
    .addColumn("archive_operation", "text")
    .addColumn("archive_error", "text")
    .addColumn("archive_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("archive_updated_at", "timestamptz")
    .execute();
  // Earlier versions recorded "archived" in the provisioning state as soon as Graph accepted the request.
  await sql`update teams_links set archive_state = 'archived', archive_updated_at = updated_at, state = 'linked' where state = 'archived'`.execute(db);

  await db.schema
    .createTable("teams_member_refusals")
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("object_id", "text", (c) => c.notNull())
    .addColumn("code", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("refused_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("retry_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("teams_member_refusals_pk", ["team_id", "object_id"])
    .execute();

  await db.schema
    .createTable("teams_added_members")
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("object_id", "text", (c) => c.notNull())
    .addColumn("added_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("teams_added_members_pk", ["team_id", "object_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("teams_added_members").execute();
  await db.schema.dropTable("teams_member_refusals").execute();
  await db.schema.alterTable("teams_links").dropColumn("archive_state").dropColumn("archive_operation").dropColumn("archive_error").dropColumn("archive_attempts").dropColumn("archive_updated_at").execute();
}
