import { sql, type Kysely } from "kysely";
import { NOTICES, notify } from "../commands/notify.js";
import type { Principal } from "../domain/identity.js";
import { appendAudit } from "./audit.js";
import type { Agency, Database, Person } from "./schema.js";

/**
 * The agency a person belongs to, among their tenant's agencies: the one that owns their email domain;
 * failing that, the tenant's only agency. A tenant shared by several agencies never guesses. The one rule
 * for sign-in (`resolveAgency`) and for matching people again when agencies change (`rematchPeople`).
 */
export function matchAgency<A extends Pick<Agency, "email_domains">>(tenantAgencies: readonly A[], domain: string | undefined): A | undefined {
  if (domain) {
    const byDomain = tenantAgencies.find((a) => a.email_domains.some((d) => d === domain || (d.startsWith(".") && domain.endsWith(d))));
    if (byDomain) return byDomain;
  }
  return tenantAgencies.length === 1 ? tenantAgencies[0] : undefined;
}

function tenantAgencies(db: Kysely<Database>, tenantId: string): Promise<Agency[]> {
  return db.selectFrom("agencies").selectAll().where("tenant_id", "=", tenantId).orderBy("name").execute();
}

/** The agency of a person signing in (see `matchAgency`). */
export async function resolveAgency(db: Kysely<Database>, tenantId: string, domain: string | undefined): Promise<Agency | undefined> {
  return matchAgency(await tenantAgencies(db, tenantId), domain);
}

/**
 * Match everyone known in a tenant to their agency again (after an agency is registered or changed), by the
 * sign-in rule, so they need not sign in again to appear under it. Returns how many people changed.
 */
export async function rematchPeople(db: Kysely<Database>, tenantId: string): Promise<number> {
  const agencies = await tenantAgencies(db, tenantId);
  const people = await db.selectFrom("people").select(["id", "email", "agency_id"]).where("tenant_id", "=", tenantId).execute();
  const moves = new Map<string | null, string[]>();
  for (const p of people) {
    const domain = p.email?.toLowerCase().split("@")[1];
    const agencyId = matchAgency(agencies, domain)?.id ?? null;
    if (agencyId === p.agency_id) continue;
    const ids = moves.get(agencyId);
    if (ids) ids.push(p.id);
    else moves.set(agencyId, [p.id]);
  }
  let changed = 0;
  for (const [agencyId, ids] of moves) {
    for (let i = 0; i < ids.length; i += 1000) {
      const r = await db.updateTable("people").set({ agency_id: agencyId }).where("id", "in", ids.slice(i, i + 1000)).executeTakeFirst();
      changed += Number(r.numUpdatedRows);
    }
  }
  return changed;
}


/**
 * Record that a verified person used Guildhall, refreshing the cached profile from the token. Writes only
 * when something changed or the last visit is older than a few minutes, so reads stay cheap.
 */
export async function touchPerson(db: Kysely<Database>, p: Principal, agencyId: string | null): Promise<Person> {
  const existing = await db
    .selectFrom("people")
    .selectAll()
    .where("tenant_id", "=", p.tenantId)
    .where("object_id", "=", p.objectId)
    .executeTakeFirst();
  const fresh =
    existing &&
    existing.display_name === p.displayName &&
    existing.email === (p.email ?? null) &&
    existing.agency_id === agencyId &&
    Date.now() - new Date(existing.last_seen_at).getTime() < 5 * 60 * 1000;
  if (fresh) return existing;
  const person = await db
    .insertInto("people")
    .values({
      tenant_id: p.tenantId,
      object_id: p.objectId,
      display_name: p.displayName,
      email: p.email ?? null,
      agency_id: agencyId,
      last_seen_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "object_id"]).doUpdateSet({
        display_name: (eb) => eb.ref("excluded.display_name"),
        email: (eb) => eb.ref("excluded.email"),
        agency_id: (eb) => eb.ref("excluded.agency_id"),
        last_seen_at: sql<Date>`now()`,
        updated_at: sql<Date>`case when people.display_name is distinct from excluded.display_name or people.email is distinct from excluded.email or people.agency_id is distinct from excluded.agency_id then now() else people.updated_at end`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  // On the first visit (and whenever the profile is refreshed): invitations that waited for this person.
  if (!p.isGuest) await attachPendingInvitations(db, person);
  return person;
}

/**
 * Invitations sent before this person opened Guildhall (migration 0009), by their host-tenant object id or by
 * their address in their own tenant, become theirs: the pending identifiers are cleared, they get the notice an
 * invitation brings, and the community shows them as invited. One that is no longer needed (they are a member
 * already, or invited to that community another way) is dropped. Serialised per person, so the several requests
 * a first visit makes at once attach each invitation once. Returns how many were attached.
 */
export async function attachPendingInvitations(db: Kysely<Database>, person: Person): Promise<number> {
  const tenantId = person.tenant_id.toLowerCase();
  const objectId = person.object_id.toLowerCase();
  const email = person.email?.toLowerCase() ?? null;
  const waiting = () =>
    db
      .selectFrom("invitations")
      .select("id")
      .where("person_id", "is", null)
      .where("invitee_tenant_id", "=", tenantId)
      .where((eb) => eb.or([eb("invitee_object_id", "=", objectId), ...(email ? [eb("invitee_email", "=", email)] : [])]))
      .limit(1)
      .executeTakeFirst();
  // Most visits have nothing waiting: one indexed read, no lock.
  if (!(await waiting())) return 0;
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`invitations:${person.id}`}))`.execute(tx);
    const pending = await tx
      .selectFrom("invitations as i")
      .innerJoin("communities as c", "c.id", "i.community_id")
      .innerJoin("people as by", "by.id", "i.invited_by")
      .select(["i.id", "i.community_id", "i.invited_by", "c.display_name as community", "by.display_name as inviter"])
      .where("i.person_id", "is", null)
      .where("i.invitee_tenant_id", "=", tenantId)
      .where((eb) => eb.or([eb("i.invitee_object_id", "=", objectId), ...(email ? [eb("i.invitee_email", "=", email)] : [])]))
      .orderBy("i.created_at")
      .execute();
    let attached = 0;
    for (const inv of pending) {
      const [member, invited] = await Promise.all([
        tx.selectFrom("memberships").select("person_id").where("community_id", "=", inv.community_id).where("person_id", "=", person.id).executeTakeFirst(),
        tx.selectFrom("invitations").select("id").where("community_id", "=", inv.community_id).where("person_id", "=", person.id).executeTakeFirst(),
      ]);
      if (member || invited) {
        await tx.deleteFrom("invitations").where("id", "=", inv.id).execute();
        continue;
      }
      await tx
        .updateTable("invitations")
        .set({ person_id: person.id, invitee_email: null, invitee_object_id: null, invitee_tenant_id: null, invitee_name: null })
        .where("id", "=", inv.id)
        .execute();
      await notify(tx, { personId: person.id, kind: "invited", communityId: inv.community_id, message: NOTICES.invited, values: { name: inv.inviter, community: inv.community } });
      await appendAudit(tx, {
        event: "community.invitation_attached",
        outcome: "info",
        tenantId: person.tenant_id,
        objectId: person.object_id,
        requestId: undefined,
        detail: { communityId: inv.community_id, personId: person.id, invitedBy: inv.invited_by },
      });
      attached++;
    }
    return attached;
  });
}

