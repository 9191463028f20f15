import { sql, type Kysely } from "kysely";

/**
 * Agencies (tenants and their verified domains), people (profile cache), and an append-only audit log.
 * Migrations only add: columns and tables are never dropped in the same release that stops using them,
 * so old and new instances can run side by side during an upgrade.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("agencies")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("short_name", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("email_domains", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("agencies_tenant_idx").on("agencies").column("tenant_id").execute();
  await sql`create index agencies_domains_idx on agencies using gin (email_domains)`.execute(db);

  await db.schema
    .createTable("people")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("object_id", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("agency_id", "uuid", (c) => c.references("agencies.id").onDelete("set null"))
    .addColumn("job_title", "text")
    .addColumn("interests", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("people_identity_uq", ["tenant_id", "object_id"])
    .execute();
  await db.schema.createIndex("people_agency_idx").on("people").column("agency_id").execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('allowed', 'denied', 'info')`))
    .addColumn("actor_tenant_id", "text")
    .addColumn("actor_object_id", "text")
    .addColumn("request_id", "text")
    .addColumn("detail", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();
  await db.schema.createIndex("audit_log_event_idx").on("audit_log").columns(["event", "at"]).execute();

  // Append-only: the application role can insert and read; updates and deletes are refused by trigger
  // (a database owner can still drop the trigger, which is itself visible in the schema history).
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_log").execute();
  await sql`drop function if exists audit_log_append_only()`.execute(db);
  await db.schema.dropTable("people").execute();
  await db.schema.dropTable("agencies").execute();
}
