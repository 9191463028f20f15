import { sql, type Kysely } from "kysely";

/**
 * A community's name is free text (issue 8); Teams gets a name derived from it (src/domain/teamsNames.ts: Teams'
 * characters, 50 characters for a channel, 256 for a team, with the naming prefix and suffix). `teams_name` holds
 * that derived name, as the proposer saw it before submitting ("In Teams: …"); provisioning creates the channel or
 * team under it (with a number added when the host team already has a channel of that name). Communities proposed
 * before this migration have none: provisioning derives it from their display name, which then held only
 * characters Teams allows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table communities add column teams_name text`.execute(db);
  await sql`alter table communities add constraint communities_teams_name_len_ck check (teams_name is null or char_length(teams_name) between 1 and 256)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table communities drop constraint if exists communities_teams_name_len_ck`.execute(db);
  await sql`alter table communities drop column if exists teams_name`.execute(db);
}
