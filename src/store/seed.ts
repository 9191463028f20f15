import { sql, type Kysely } from "kysely";
import { DEMO_AGENCIES, DEMO_COMMUNITIES, DEMO_IDENTITIES, DEMO_TERMS } from "../domain/demo.js";
import { defaultPresence } from "../domain/communities.js";
import { nameKey } from "../domain/text.js";
import type { Database } from "./schema.js";

/** Demo agencies and people for local mode. Idempotent: running it again changes nothing. */
export async function seedDemoData(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const a of DEMO_AGENCIES) {
      await tx
        .insertInto("agencies")
        .values({ id: a.id, name: a.name, short_name: a.shortName, tenant_id: a.tenantId, email_domains: a.emailDomains, name_key: nameKey(a.name) })
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
    }
    for (const p of DEMO_IDENTITIES) {
      const domain = p.email.slice(p.email.indexOf("@") + 1);
      const agency = DEMO_AGENCIES.find((a) => a.tenantId === p.tenantId && a.emailDomains.includes(domain));
      if (!agency || p.isGuest) continue; // only eligible demo people have a profile until they sign in
      await tx
        .insertInto("people")
        .values({
          tenant_id: p.tenantId,
          object_id: p.objectId,
          display_name: p.displayName,
          email: p.email,
          agency_id: agency.id,
          job_title: p.jobTitle,
          interests: p.interests,
          last_seen_at: sql<Date>`now()`,
          updated_at: sql<Date>`now()`,
        })
        .onConflict((oc) => oc.columns(["tenant_id", "object_id"]).doNothing())
        .execute();
    }
    const people = await tx.selectFrom("people").select(["id", "object_id"]).execute();
    const personId = (key: string) => {
      const objectId = DEMO_IDENTITIES.find((d) => d.key === key)?.objectId;
      const id = people.find((p) => p.object_id === objectId)?.id;
      if (!id) throw new Error(`demo person ${key} missing`);
      return id;
    };
    for (const c of DEMO_COMMUNITIES) {
      const inserted = await tx
        .insertInto("communities")
        .values({
          id: c.id,
          name: c.name,
          display_name: c.name,
          name_key: nameKey(c.name),
          purpose: c.purpose,
          terms_of_reference: DEMO_TERMS.termsOfReference,
          code_of_practice: DEMO_TERMS.codeOfPractice,
          visibility: c.visibility,
          scope: c.scope,
          classification: c.classification,
          sensitivity_label_id: null,
          tags: c.tags,
          teams_presence: defaultPresence(c.visibility),
          status: "approved",
          proposed_by: personId(c.owners[0]!),
          decided_by: personId("priya"),
          decision_reason: null,
          decided_at: sql<Date>`now()`,
          archived_at: null,
          inactivity_flagged_at: null,
        })
        .onConflict((oc) => oc.column("id").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) continue;
      const agencyIds = DEMO_AGENCIES.filter((a) => c.agencyShortNames.includes(a.shortName)).map((a) => a.id);
      if (agencyIds.length > 0) await tx.insertInto("community_agencies").values(agencyIds.map((agency_id) => ({ community_id: c.id, agency_id }))).execute();
      const roles = [...c.owners.map((k) => [k, "owner"] as const), ...c.moderators.map((k) => [k, "moderator"] as const), ...c.members.map((k) => [k, "member"] as const)];
      await tx
        .insertInto("memberships")
        .values(roles.map(([k, role]) => ({ community_id: c.id, person_id: personId(k), role, code_version_accepted: 1, code_accepted_at: sql<Date>`now()` })))
        .execute();
      await tx.insertInto("teams_links").values({ community_id: c.id, state: "not_connected", team_id: null, channel_id: null, web_url: null, operation_location: null, last_error: null }).execute();
    }
  });
}
