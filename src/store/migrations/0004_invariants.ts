import { sql, type Kysely } from "kysely";

/**
 * Invariants the database keeps even when requests race (issue 7, section 2):
 *
 * - An agency's name (case-insensitive) is unique (`agencies_name_uq`), and so is each email domain across
 *   agencies: `agency_domains` holds one row per domain, kept in step with `agencies.email_domains` by a
 *   trigger in the same transaction, and its primary key (`agency_domains_pkey`) refuses a domain that
 *   another agency holds, even when two registrations commit at the same moment.
 * - An approved or archived community never loses its last owner: `memberships_keep_owner` runs after any
 *   delete of an owner or demotion, takes the community's owner lock (the row lock every command that can
 *   reduce owners takes first) and refuses the change with SQLSTATE 23514, constraint
 *   `memberships_last_owner`, if no owner would remain.
 *
 * Rows the earlier races left behind are put right first, and each repair is audit-logged: agencies that are
 * exact duplicates (same name, tenant and domains) are merged into the oldest (people and community scopes
 * move to it); a remaining same-name agency gets " (2)", " (3)"… appended; a domain held by several
 * agencies stays with the oldest. A community left with no owner gets its longest-standing moderator (else
 * member) as owner. Additive otherwise; old instances keep working alongside.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await repairAgencies(db);

  await sql`create unique index agencies_name_uq on agencies (lower(name))`.execute(db);
  await sql`
    create table agency_domains (
      domain text not null,
      agency_id uuid not null references agencies(id) on delete cascade,
      constraint agency_domains_pkey primary key (domain)
    )`.execute(db);
  await sql`create index agency_domains_agency_idx on agency_domains (agency_id)`.execute(db);
  await sql`insert into agency_domains (domain, agency_id) select distinct d, a.id from agencies a, unnest(a.email_domains) d`.execute(db);
  await sql`
    create function agencies_sync_domains() returns trigger language plpgsql as $$
    begin
      delete from agency_domains where agency_id = new.id and domain <> all (new.email_domains);
      insert into agency_domains (domain, agency_id)
        select distinct d, new.id from unnest(new.email_domains) d
        where not exists (select 1 from agency_domains x where x.domain = d and x.agency_id = new.id);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger agencies_sync_domains after insert or update of email_domains on agencies
    for each row execute function agencies_sync_domains()`.execute(db);

  await repairOwnerless(db);
  await sql`
    create function memberships_keep_owner() returns trigger language plpgsql as $$
    declare
      live boolean;
    begin
      select status in ('approved', 'archived') into live from communities where id = old.community_id for no key update;
      -- A community being deleted (cascade) or not yet approved has no owner rule.
      if live is not true then return null; end if;
      if not exists (select 1 from memberships where community_id = old.community_id and role = 'owner') then
        raise exception 'community % would have no owner', old.community_id
          using errcode = 'check_violation', constraint = 'memberships_last_owner', table = 'memberships';
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger memberships_keep_owner_delete after delete on memberships
    for each row when (old.role = 'owner') execute function memberships_keep_owner()`.execute(db);
  await sql`
    create trigger memberships_keep_owner_update after update of role on memberships
    for each row when (old.role = 'owner' and new.role <> 'owner') execute function memberships_keep_owner()`.execute(db);
}

async function repairAgencies(db: Kysely<unknown>): Promise<void> {
  // 1. Exact duplicates: merge into the oldest of each group.
  const merged = await sql<{ keeper: string; duplicate: string }>`
    with keyed as (
      select id, created_at, lower(name) as name_key, tenant_id, array(select distinct d from unnest(email_domains) d order by d) as domains from agencies
    ), ranked as (
      select id, first_value(id) over w as keeper, row_number() over w as n
      from keyed
      window w as (partition by name_key, tenant_id, domains order by created_at, id)
    )
    select keeper, id as duplicate from ranked where n > 1`.execute(db);
  for (const { keeper, duplicate } of merged.rows) {
    await sql`update people set agency_id = ${keeper} where agency_id = ${duplicate}`.execute(db);
    await sql`insert into community_agencies (community_id, agency_id) select community_id, ${keeper} from community_agencies where agency_id = ${duplicate} on conflict do nothing`.execute(db);
    await sql`delete from community_agencies where agency_id = ${duplicate}`.execute(db);
    await sql`delete from agencies where id = ${duplicate}`.execute(db);
    await audit(db, "agency.duplicate_merged", { agencyId: keeper, duplicateId: duplicate });
  }
  // 2. Same name, different tenant or domains: number the later ones.
  const renamed = await sql<{ id: string; name: string }>`
    with ranked as (select id, name, row_number() over (partition by lower(name) order by created_at, id) as n from agencies)
    update agencies a set name = r.name || ' (' || r.n || ')' from ranked r where a.id = r.id and r.n > 1
    returning a.id, a.name`.execute(db);
  for (const r of renamed.rows) await audit(db, "agency.duplicate_renamed", { agencyId: r.id, name: r.name });
  // 3. A domain held by several agencies stays with the oldest.
  const shared = await sql<{ id: string; domain: string }>`
    select a.id, d as domain from agencies a, unnest(a.email_domains) d
    where exists (select 1 from agencies o where d = any (o.email_domains) and (o.created_at, o.id) < (a.created_at, a.id))`.execute(db);
  for (const s of shared.rows) {
    await sql`update agencies set email_domains = array_remove(email_domains, ${s.domain}) where id = ${s.id}`.execute(db);
    await audit(db, "agency.duplicate_domain_removed", { agencyId: s.id, domain: s.domain });
  }
}

async function repairOwnerless(db: Kysely<unknown>): Promise<void> {
  const promoted = await sql<{ community_id: string; person_id: string }>`
    with heirs as (
      select distinct on (m.community_id) m.community_id, m.person_id
      from memberships m join communities c on c.id = m.community_id
      where c.status in ('approved', 'archived')
        and not exists (select 1 from memberships o where o.community_id = m.community_id and o.role = 'owner')
      order by m.community_id, (m.role = 'moderator') desc, m.joined_at, m.person_id
    )
    update memberships m set role = 'owner' from heirs h
    where m.community_id = h.community_id and m.person_id = h.person_id
    returning m.community_id, m.person_id`.execute(db);
  for (const p of promoted.rows) await audit(db, "community.owner_restored", { communityId: p.community_id, personId: p.person_id });
}

async function audit(db: Kysely<unknown>, event: string, detail: Record<string, unknown>): Promise<void> {
  await sql`insert into audit_log (event, outcome, detail) values (${event}, 'info', ${JSON.stringify({ ...detail, by: "migration 0004" })}::jsonb)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists memberships_keep_owner_update on memberships`.execute(db);
  await sql`drop trigger if exists memberships_keep_owner_delete on memberships`.execute(db);
  await sql`drop function if exists memberships_keep_owner()`.execute(db);
  await sql`drop trigger if exists agencies_sync_domains on agencies`.execute(db);
  await sql`drop function if exists agencies_sync_domains()`.execute(db);
  await sql`drop table if exists agency_domains`.execute(db);
  await sql`drop index if exists agencies_name_uq`.execute(db);
}
