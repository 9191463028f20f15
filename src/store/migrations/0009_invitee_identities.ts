import { sql, type Kysely } from "kysely";

/**
 * Invitations can reach people who have not opened Guildhall yet (issue 8). An invitation names its invitee in
 * exactly one way (`invitations_invitee_ck`):
 * - `person_id`: someone Guildhall knows (they have signed in);
 * - `invitee_object_id`: a member of the host tenant found in its directory through Microsoft Graph;
 * - `invitee_email`: an address in an allow-listed agency's email domain.
 * The last two also carry `invitee_tenant_id` (the host tenant, or the agency's tenant), so a sign-in matches only
 * from that tenant; `invitee_name` is the name the directory gave, shown to the community's moderators. No person
 * row is written for someone who has not signed in: when they first do, their pending invitations are attached to
 * them (src/store/people.ts) and the pending identifiers are cleared.
 *
 * The primary key on (community_id, person_id) becomes a unique constraint of the same name's columns
 * (`invitations_person_uq`; PostgreSQL treats the nulls as distinct), so an instance still running the previous
 * release keeps its `on conflict (community_id, person_id)`; rows get their own `id`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table invitations add column id uuid not null default gen_random_uuid()`.execute(db);
  await sql`alter table invitations drop constraint invitations_pk`.execute(db);
  await sql`alter table invitations add constraint invitations_id_pk primary key (id)`.execute(db);
  await sql`alter table invitations add constraint invitations_person_uq unique (community_id, person_id)`.execute(db);
  await sql`alter table invitations alter column person_id drop not null`.execute(db);
  await sql`alter table invitations add column invitee_email text`.execute(db);
  await sql`alter table invitations add column invitee_object_id text`.execute(db);
  await sql`alter table invitations add column invitee_tenant_id text`.execute(db);
  await sql`alter table invitations add column invitee_name text`.execute(db);
  await sql`alter table invitations add constraint invitations_invitee_ck check (num_nonnulls(person_id, invitee_email, invitee_object_id) = 1)`.execute(db);
  await sql`alter table invitations add constraint invitations_pending_tenant_ck check ((person_id is null) = (invitee_tenant_id is not null))`.execute(db);
  await sql`alter table invitations add constraint invitations_email_ck check (invitee_email is null or (invitee_email = lower(invitee_email) and invitee_email ~ '^[^@[:space:]]+@[^@[:space:]]+$' and length(invitee_email) <= 254))`.execute(db);
  await sql`alter table invitations add constraint invitations_object_id_ck check (invitee_object_id is null or invitee_object_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')`.execute(db);
  await sql`alter table invitations add constraint invitations_name_ck check (invitee_name is null or (person_id is null and length(invitee_name) <= 256))`.execute(db);
  await sql`create unique index invitations_email_uq on invitations (community_id, invitee_tenant_id, invitee_email) where invitee_email is not null`.execute(db);
  await sql`create unique index invitations_object_uq on invitations (community_id, invitee_tenant_id, invitee_object_id) where invitee_object_id is not null`.execute(db);
  // A first sign-in looks for what waits for it by tenant and object id, or by tenant and address.
  await sql`create index invitations_pending_object_ix on invitations (invitee_tenant_id, invitee_object_id) where invitee_object_id is not null`.execute(db);
  await sql`create index invitations_pending_email_ix on invitations (invitee_tenant_id, invitee_email) where invitee_email is not null`.execute(db);
  await sql`create index invitations_invited_by_ix on invitations (invited_by, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from invitations where person_id is null`.execute(db);
  await sql`drop index if exists invitations_invited_by_ix`.execute(db);
  await sql`drop index if exists invitations_pending_email_ix`.execute(db);
  await sql`drop index if exists invitations_pending_object_ix`.execute(db);
  await sql`drop index if exists invitations_object_uq`.execute(db);
  await sql`drop index if exists invitations_email_uq`.execute(db);
  for (const c of ["invitations_name_ck", "invitations_object_id_ck", "invitations_email_ck", "invitations_pending_tenant_ck", "invitations_invitee_ck"]) {
    await sql`alter table invitations drop constraint if exists ${sql.raw(c)}`.execute(db);
  }
  for (const c of ["invitee_name", "invitee_tenant_id", "invitee_object_id", "invitee_email"]) await sql`alter table invitations drop column if exists ${sql.raw(c)}`.execute(db);
  await sql`alter table invitations alter column person_id set not null`.execute(db);
  await sql`alter table invitations drop constraint if exists invitations_person_uq`.execute(db);
  await sql`alter table invitations drop constraint if exists invitations_id_pk`.execute(db);
  await sql`alter table invitations add constraint invitations_pk primary key (community_id, person_id)`.execute(db);
  await sql`alter table invitations drop column if exists id`.execute(db);
}
