import { sql, type Kysely } from "kysely";

/** Communities, their agencies, members, join requests, invitations, Teams link, provisioning steps, notifications. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("communities")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("terms_of_reference", "text", (c) => c.notNull())
    .addColumn("code_of_practice", "text", (c) => c.notNull())
    .addColumn("code_version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("visibility", "text", (c) => c.notNull().check(sql`visibility in ('open', 'closed', 'hidden')`))
    .addColumn("scope", "text", (c) => c.notNull().check(sql`scope in ('cross_agency', 'agency_only')`))
    .addColumn("classification", "text", (c) => c.notNull().check(sql`classification in ('OFFICIAL', 'OFFICIAL_SENSITIVE', 'PROTECTED')`))
    .addColumn("sensitivity_label_id", "text")
    .addColumn("tags", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("teams_presence", "text", (c) => c.notNull().check(sql`teams_presence in ('private_channel', 'standard_channel', 'team')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('proposed', 'approved', 'rejected', 'archived')`))
    .addColumn("proposed_by", "uuid", (c) => c.notNull().references("people.id"))
    .addColumn("decided_by", "uuid", (c) => c.references("people.id"))
    .addColumn("decision_reason", "text")
    .addColumn("decided_at", "timestamptz")
    .addColumn("archived_at", "timestamptz")
    .addColumn("last_activity_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("inactivity_flagged_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index communities_live_name_uq on communities (lower(display_name)) where status in ('proposed', 'approved')`.execute(db);
  await db.schema.createIndex("communities_status_idx").on("communities").column("status").execute();
  await sql`create index communities_tags_idx on communities using gin (tags)`.execute(db);

  await db.schema
    .createTable("community_agencies")
    .addColumn("community_id", "uuid", (c) => c.notNull().references("communities.id").onDelete("cascade"))
    .addColumn("agency_id", "uuid", (c) => c.notNull().references("agencies.id"))
    .addPrimaryKeyConstraint("community_agencies_pk", ["community_id", "agency_id"])
    .execute();

  await db.schema
    .createTable("memberships")
    .addColumn("community_id", "uuid", (c) => c.notNull().references("communities.id").onDelete("cascade"))
    .addColumn("person_id", "uuid", (c) => c.notNull().references("people.id"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('owner', 'moderator', 'member')`))
    .addColumn("code_version_accepted", "integer", (c) => c.notNull())
    .addColumn("code_accepted_at", "timestamptz", (c) => c.notNull())
    .addColumn("joined_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("memberships_pk", ["community_id", "person_id"])
    .execute();
  await db.schema.createIndex("memberships_person_idx").on("memberships").column("person_id").execute();

  await db.schema
    .createTable("join_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("community_id", "uuid", (c) => c.notNull().references("communities.id").onDelete("cascade"))
    .addColumn("person_id", "uuid", (c) => c.notNull().references("people.id"))
    .addColumn("message", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'approved', 'declined', 'withdrawn')`))
    .addColumn("decided_by", "uuid", (c) => c.references("people.id"))
    .addColumn("decision_reason", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("decided_at", "timestamptz")
    .execute();
  await sql`create unique index join_requests_pending_uq on join_requests (community_id, person_id) where status = 'pending'`.execute(db);

  await db.schema
    .createTable("invitations")
    .addColumn("community_id", "uuid", (c) => c.notNull().references("communities.id").onDelete("cascade"))
    .addColumn("person_id", "uuid", (c) => c.notNull().references("people.id"))
    .addColumn("invited_by", "uuid", (c) => c.notNull().references("people.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("invitations_pk", ["community_id", "person_id"])
    .execute();

  await db.schema
    .createTable("teams_links")
    .addColumn("community_id", "uuid", (c) => c.primaryKey().references("communities.id").onDelete("cascade"))
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('not_connected', 'queued', 'provisioning', 'linked', 'failed', 'archived')`))
    .addColumn("team_id", "text")
    .addColumn("channel_id", "text")
    .addColumn("web_url", "text")
    .addColumn("operation_location", "text")
    .addColumn("last_error", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("provisioning_steps")
    .addColumn("community_id", "uuid", (c) => c.notNull().references("communities.id").onDelete("cascade"))
    .addColumn("step", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'running', 'done', 'failed', 'waiting')`))
    .addColumn("detail", "text")
    .addColumn("result", "jsonb")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("provisioning_steps_pk", ["community_id", "step"])
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("person_id", "uuid", (c) => c.notNull().references("people.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("community_id", "uuid", (c) => c.references("communities.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("read_at", "timestamptz")
    .addColumn("delivered_at", "timestamptz")
    .execute();
  await db.schema.createIndex("notifications_person_idx").on("notifications").columns(["person_id", "created_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["notifications", "provisioning_steps", "teams_links", "invitations", "join_requests", "memberships", "community_agencies", "communities"]) {
    await db.schema.dropTable(t).execute();
  }
}
