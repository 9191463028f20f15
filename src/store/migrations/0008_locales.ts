import { sql, type Kysely } from "kysely";

/**
 * Languages (docs/translating.md). `people.locale` is a person's own choice of language for the tab, the bot's
 * 1:1 cards and their notices (null: follow Teams and the browser). A notice keeps the message it was written
 * from (`message_key`, the catalog id, and `message_values`, its arguments), so the Notices page shows it in
 * whatever language the reader has now and the activity feed in the recipient's; `text` stays the en-AU
 * sentence, for older rows and as the last fallback.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table people add column locale text`.execute(db);
  await sql`alter table people add constraint people_locale_ck check (locale is null or locale ~ '^[a-z]{2,3}(-[A-Z]{2}|-[A-Z][a-z]{3})?$')`.execute(db);
  await sql`alter table notifications add column message_key text`.execute(db);
  await sql`alter table notifications add column message_values jsonb`.execute(db);
  await sql`alter table notifications add constraint notifications_message_ck check ((message_key is null) = (message_values is null))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notifications drop constraint if exists notifications_message_ck`.execute(db);
  await sql`alter table notifications drop column if exists message_values`.execute(db);
  await sql`alter table notifications drop column if exists message_key`.execute(db);
  await sql`alter table people drop constraint if exists people_locale_ck`.execute(db);
  await sql`alter table people drop column if exists locale`.execute(db);
}
