import { sql, type Kysely } from "kysely";
import type { Principal } from "../domain/identity.js";
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
  return db
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
}

