import { sql, type Kysely } from "kysely";

/**
 * Delivery of notices to Microsoft Teams (the activity feed), as an outbox: the notice row is written in the
 * same transaction as the change it reports, and a worker delivers pending rows. Additive only, so old and
 * new instances can run side by side during an upgrade.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("notifications")
    .addColumn("delivery_state", "text", (c) => c.notNull().defaultTo("pending").check(sql`delivery_state in ('pending', 'sending', 'sent', 'skipped', 'failed')`))
    .addColumn("delivery_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("delivery_claimed_at", "timestamptz")
    .addColumn("delivery_note", "text")
    .execute();
  // Rows written before this migration were shown in the tab only; do not send week-old news to Teams.
  await sql`update notifications set delivery_state = 'skipped', delivery_note = 'written before Teams delivery existed'`.execute(db);
  await sql`create index notifications_outbox_idx on notifications (created_at) where delivery_state in ('pending', 'sending')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists notifications_outbox_idx`.execute(db);
  await db.schema.alterTable("notifications").dropColumn("delivery_state").dropColumn("delivery_attempts").dropColumn("delivery_claimed_at").dropColumn("delivery_note").execute();
}
