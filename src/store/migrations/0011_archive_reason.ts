import { sql, type Kysely } from "kysely";

/**
 * Archiving says why and by whom (issue 8). `archive_reason` is the plain text the owner or platform owner typed
 * (required by the command, at most 1000 characters); `archived_by` the person who archived it (kept for the
 * record: the community page shows only `archived_by_role`, "an owner" or "a platform owner"). Communities
 * archived before this migration have none of the three.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table communities add column archive_reason text`.execute(db);
  await sql`alter table communities add column archived_by uuid references people(id)`.execute(db);
  await sql`alter table communities add column archived_by_role text`.execute(db);
  await sql`alter table communities add constraint communities_archived_by_role_ck check (archived_by_role is null or archived_by_role in ('owner', 'platform_owner'))`.execute(db);
  await sql`alter table communities add constraint communities_archive_reason_len_ck check (archive_reason is null or char_length(archive_reason) <= 1000)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table communities drop constraint if exists communities_archive_reason_len_ck`.execute(db);
  await sql`alter table communities drop constraint if exists communities_archived_by_role_ck`.execute(db);
  await sql`alter table communities drop column if exists archived_by_role`.execute(db);
  await sql`alter table communities drop column if exists archived_by`.execute(db);
  await sql`alter table communities drop column if exists archive_reason`.execute(db);
}
