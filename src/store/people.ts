import { sql, type Kysely } from "kysely";
import type { Principal } from "../domain/identity.js";
import type { Agency, Database, Person } from "./schema.js";

/**
 * The agency a person belongs to: the agency in their tenant that owns their email domain; failing that,
 * the tenant's only agency. A tenant shared by several agencies never guesses.
 */
export async function resolveAgency(db: Kysely<Database>, tenantId: string, domain: string | undefined): Promise<Agency | undefined> {
  const rows = await db.selectFrom("agencies").selectAll().where("tenant_id", "=", tenantId).execute();
  if (domain) {
    const byDomain = rows.find((a) => a.email_domains.some((d) => d === domain || (d.startsWith(".") && domain.endsWith(d))));
    if (byDomain) return byDomain;
  }
  return rows.length === 1 ? rows[0] : undefined;
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

