/**
 * Re-verification: every member's eligibility is checked again from the directory (account enabled,
 * member not guest, verified domain, and for agency-only communities the agency attribute). Leavers are
 * removed from the community (and, through the sync job, its channel), audit-logged, and owners told.
 */
import type { Kysely } from "kysely";
import { notify } from "../commands/notify.js";
import { domainAllowed, type EligibilitySettings } from "../domain/policy.js";
import { appendAudit } from "../store/audit.js";
import type { Database } from "../store/schema.js";
import type { DirectoryUser, TeamsPort } from "./ports.js";

export const REVERIFY_QUEUE = "people.reverify";

export interface ReverifyDeps {
  db: Kysely<Database>;
  teams: TeamsPort;
  eligibility: EligibilitySettings;
  /** Directory attribute holding the agency name, checked for agency-only communities. */
  agencyAttribute: "companyName" | "department";
}

export type LeaverReason = "account_deleted" | "account_disabled" | "guest" | "domain_not_allowed" | "agency_changed";

export interface ReverifyReport {
  checked: number;
  removals: { personId: string; communityId: string; reason: LeaverReason }[];
  /** Communities whose Teams membership must be re-synced. */
  communities: string[];
}

function accountProblem(user: DirectoryUser | undefined, s: EligibilitySettings): LeaverReason | null {
  if (!user) return "account_deleted";
  if (!user.accountEnabled) return "account_disabled";
  if (user.userType === "Guest" && !s.allowGuestsFromAllowedTenants) return "guest";
  const address = user.userType === "Member" ? user.userPrincipalName : (user.mail ?? user.userPrincipalName);
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  if (!domainAllowed(domain, s.allowedEmailDomains)) return "domain_not_allowed";
  return null;
}

const TEXT: Record<LeaverReason, string> = {
  account_deleted: "their account no longer exists",
  account_disabled: "their account is disabled",
  guest: "their account is now a guest account",
  domain_not_allowed: "their account is no longer in a verified public service domain",
  agency_changed: "they are no longer with an agency this community is for",
};

export interface ReverifyOptions {
  /** Re-check only members of these communities (an owner's "check now", or a test's own rows). */
  communityIds?: readonly string[];
  /** People read per page; the whole membership is walked page by page. */
  pageSize?: number;
}

export async function reverifyMembers(deps: ReverifyDeps, options: ReverifyOptions = {}): Promise<ReverifyReport> {
  const report: ReverifyReport = { checked: 0, removals: [], communities: [] };
  const scope = options.communityIds;
  if (scope !== undefined && scope.length === 0) return report;
  const pageSize = options.pageSize ?? 500;
  let after: string | null = null;
  for (;;) {
    const page = await deps.db
      .selectFrom("people as p")
      .leftJoin("agencies as a", "a.id", "p.agency_id")
      .select(["p.id", "p.tenant_id", "p.object_id", "p.display_name", "a.name as agency_name", "a.id as agency_id"])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("memberships as m")
            .select("m.person_id")
            .whereRef("m.person_id", "=", "p.id")
            .$if(scope !== undefined, (q) => q.where("m.community_id", "in", scope ?? [])),
        ),
      )
      .$if(after !== null, (q) => q.where("p.id", ">", after ?? ""))
      .orderBy("p.id")
      .limit(pageSize)
      .execute();
    if (page.length === 0) break;
    after = page[page.length - 1]?.id ?? null;
    await reverifyPage(deps, page, scope, report);
    if (page.length < pageSize) break;
  }
  return report;
}

interface PersonRow {
  id: string;
  tenant_id: string;
  object_id: string;
  display_name: string;
  agency_name: string | null;
}

async function reverifyPage(deps: ReverifyDeps, people: readonly PersonRow[], scope: readonly string[] | undefined, report: ReverifyReport): Promise<void> {
  for (const p of people) {
    report.checked += 1;
    const user = await deps.teams.getUser(p.tenant_id, p.object_id);
    const problem = accountProblem(user, deps.eligibility);
    const memberships = await deps.db
      .selectFrom("memberships as m")
      .innerJoin("communities as c", "c.id", "m.community_id")
      .select(["m.community_id", "c.scope", "c.display_name"])
      .where("m.person_id", "=", p.id)
      .$if(scope !== undefined, (q) => q.where("m.community_id", "in", scope ?? []))
      .execute();
    const attr = user ? user[deps.agencyAttribute] : null;
    const agencyMismatch = attr !== null && p.agency_name !== null && attr.trim().toLowerCase() !== p.agency_name.toLowerCase();
    const leaving = memberships.filter((m) => problem !== null || (m.scope === "agency_only" && agencyMismatch));
    for (const m of leaving) {
      const reason: LeaverReason = problem ?? "agency_changed";
      await deps.db.transaction().execute(async (tx) => {
        await tx.deleteFrom("memberships").where("community_id", "=", m.community_id).where("person_id", "=", p.id).execute();
        await appendAudit(tx, { event: "membership.reverification_removed", outcome: "denied", tenantId: p.tenant_id, objectId: p.object_id, detail: { communityId: m.community_id, reason } });
        const owners = await tx.selectFrom("memberships").select("person_id").where("community_id", "=", m.community_id).where("role", "=", "owner").execute();
        for (const o of owners) {
          await notify(tx, { personId: o.person_id, kind: "memberRemoved", communityId: m.community_id, text: `${p.display_name} was removed from "${m.display_name}" because ${TEXT[reason]}.` });
        }
      });
      report.removals.push({ personId: p.id, communityId: m.community_id, reason });
      if (!report.communities.includes(m.community_id)) report.communities.push(m.community_id);
    }
  }
}
