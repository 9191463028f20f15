/**
 * Re-verification: every member's eligibility is checked again from the directory (account enabled,
 * member not guest, verified domain, and for agency-only communities the agency attribute). Leavers are
 * removed from the community (and, through the sync job, its channel), audit-logged, and owners told.
 *
 * Only people in the host tenant can be looked up with the app's own token; people from other tenants are
 * counted as not checked here (their tenant and domain are still checked on every request they make).
 * Directory lookups go twenty to a JSON batch. Decisions are made for everyone first and applied after: if
 * an implausible share of accounts looks deleted or disabled (a wrong tenant, a directory outage), nothing
 * is removed and the run fails loudly instead of emptying the communities.
 *
 * A leaver who is a community's only owner: the community must keep an owner (the last-owner rule, under the
 * same owner lock as leave and role changes, so a concurrent leave or demotion cannot slip between). The
 * longest-standing moderator, else the longest-standing member, who is not leaving too becomes owner and is
 * told, and then the leaver is removed. When nobody else is left the leaver stays as owner (they cannot sign
 * in or pass eligibility anyway), the run reports it and audit-logs `membership.reverification_owner_kept`
 * so a platform owner can archive the community.
 */
import type { Kysely } from "kysely";
import { currentRole, lockOwners, ownerCount, successor } from "../commands/communities/owners.js";
import { NOTICES, notify } from "../commands/notify.js";
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
  /** The tenant the app's directory lookups can see. */
  hostTenantId: string;
}

export type LeaverReason = "account_deleted" | "account_disabled" | "guest" | "domain_not_allowed" | "agency_changed";

export interface ReverifyReport {
  checked: number;
  /** Members from other tenants, whose directory the app cannot read. */
  notChecked: number;
  removals: { personId: string; communityId: string; reason: LeaverReason }[];
  /** Only owners who were leaving: someone else became owner first. */
  ownersPromoted: { communityId: string; from: string; to: string }[];
  /** Only owners with nobody left to take over: kept as owner, audit-logged. */
  ownersKept: { communityId: string; personId: string; reason: LeaverReason }[];
  /** Communities whose Teams membership must be re-synced. */
  communities: string[];
}

export interface ReverifyOptions {
  /** Re-check only members of these communities (an owner's "check now", or a test's own rows). */
  communityIds?: readonly string[];
  /** People read per page; the whole membership is walked page by page. */
  pageSize?: number;
  /**
   * Stop without removing anyone when more than this share of the people checked look deleted or disabled
   * (only once at least `breakerMinimum` people were checked). Default 0.25.
   */
  maxGoneShare?: number;
  breakerMinimum?: number;
}

/** Thrown when the breaker trips: nothing was removed. */
export class ReverificationHalted extends Error {
  constructor(
    readonly gone: number,
    readonly checked: number,
  ) {
    super(`re-verification stopped before removing anyone: ${gone} of ${checked} accounts looked deleted or disabled; check the Graph connection and tenant`);
    this.name = "ReverificationHalted";
  }
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

interface PersonRow {
  id: string;
  tenant_id: string;
  object_id: string;
  display_name: string;
  agency_name: string | null;
}

interface Decision {
  person: PersonRow;
  communityId: string;
  communityName: string;
  reason: LeaverReason;
}

export async function reverifyMembers(deps: ReverifyDeps, options: ReverifyOptions = {}): Promise<ReverifyReport> {
  const report: ReverifyReport = { checked: 0, notChecked: 0, removals: [], ownersPromoted: [], ownersKept: [], communities: [] };
  const scope = options.communityIds;
  if (scope !== undefined && scope.length === 0) return report;
  const pageSize = options.pageSize ?? 500;
  const decisions: Decision[] = [];
  let gone = 0;
  let after: string | null = null;
  for (;;) {
    const page: PersonRow[] = await deps.db
      .selectFrom("people as p")
      .leftJoin("agencies as a", "a.id", "p.agency_id")
      .select(["p.id", "p.tenant_id", "p.object_id", "p.display_name", "a.name as agency_name"])
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
    gone += await decidePage(deps, page, scope, report, decisions);
    if (page.length < pageSize) break;
  }

  const share = options.maxGoneShare ?? 0.25;
  if (report.checked >= (options.breakerMinimum ?? 10) && gone > report.checked * share) {
    await appendAudit(deps.db, { event: "membership.reverification_halted", outcome: "info", detail: { gone, checked: report.checked } });
    throw new ReverificationHalted(gone, report.checked);
  }
  const leaving = new Map<string, string[]>();
  for (const d of decisions) leaving.set(d.communityId, [...(leaving.get(d.communityId) ?? []), d.person.id]);
  for (const d of decisions) await remove(deps, d, leaving.get(d.communityId) ?? [], report);
  return report;
}

/** Look up one page of people (host tenant only, in batches) and decide who leaves what. Returns how many looked gone. */
async function decidePage(deps: ReverifyDeps, people: readonly PersonRow[], scope: readonly string[] | undefined, report: ReverifyReport, decisions: Decision[]): Promise<number> {
  const local = people.filter((p) => p.tenant_id === deps.hostTenantId);
  report.notChecked += people.length - local.length;
  if (local.length === 0) return 0;
  const users = await deps.teams.getUsers(deps.hostTenantId, local.map((p) => p.object_id));
  const rows = await deps.db
    .selectFrom("memberships as m")
    .innerJoin("communities as c", "c.id", "m.community_id")
    .select(["m.person_id", "m.community_id", "c.scope", "c.display_name"])
    .where("m.person_id", "in", local.map((p) => p.id))
    .$if(scope !== undefined, (q) => q.where("m.community_id", "in", scope ?? []))
    .execute();
  const membershipsOf = new Map<string, typeof rows>();
  for (const m of rows) {
    const list = membershipsOf.get(m.person_id);
    if (list) list.push(m);
    else membershipsOf.set(m.person_id, [m]);
  }
  let gone = 0;
  for (const p of local) {
    report.checked += 1;
    const user = users.get(p.object_id.toLowerCase());
    const problem = accountProblem(user, deps.eligibility);
    if (problem === "account_deleted" || problem === "account_disabled") gone += 1;
    const attr = user ? user[deps.agencyAttribute] : null;
    const agencyMismatch = attr !== null && p.agency_name !== null && attr.trim().toLowerCase() !== p.agency_name.toLowerCase();
    for (const m of membershipsOf.get(p.id) ?? []) {
      if (problem === null && !(m.scope === "agency_only" && agencyMismatch)) continue;
      decisions.push({ person: p, communityId: m.community_id, communityName: m.display_name, reason: problem ?? "agency_changed" });
    }
  }
  return gone;
}

async function remove(deps: ReverifyDeps, d: Decision, leaving: readonly string[], report: ReverifyReport): Promise<void> {
  const { person: p, communityId, reason } = d;
  const removed = await deps.db.transaction().execute(async (tx) => {
    await lockOwners(tx, communityId);
    const role = await currentRole(tx, communityId, p.id);
    if (role === null) return false; // left meanwhile: nothing to say
    if (role === "owner" && (await ownerCount(tx, communityId)) <= 1) {
      const heir = await successor(tx, communityId, leaving);
      if (heir === undefined) {
        await appendAudit(tx, { event: "membership.reverification_owner_kept", outcome: "info", tenantId: p.tenant_id, objectId: p.object_id, detail: { communityId, reason } });
        report.ownersKept.push({ communityId, personId: p.id, reason });
        return false;
      }
      await tx.updateTable("memberships").set({ role: "owner" }).where("community_id", "=", communityId).where("person_id", "=", heir).execute();
      await notify(tx, { personId: heir, kind: "ownershipTransferred", communityId, message: NOTICES.ownershipInherited, values: { community: d.communityName, reason } });
      await appendAudit(tx, { event: "membership.reverification_owner_promoted", outcome: "info", tenantId: p.tenant_id, objectId: p.object_id, detail: { communityId, to: heir, reason } });
      report.ownersPromoted.push({ communityId, from: p.id, to: heir });
    }
    await tx.deleteFrom("memberships").where("community_id", "=", communityId).where("person_id", "=", p.id).execute();
    await appendAudit(tx, { event: "membership.reverification_removed", outcome: "denied", tenantId: p.tenant_id, objectId: p.object_id, detail: { communityId, reason } });
    const owners = await tx.selectFrom("memberships").select("person_id").where("community_id", "=", communityId).where("role", "=", "owner").execute();
    for (const o of owners) {
      await notify(tx, { personId: o.person_id, kind: "memberRemoved", communityId, message: NOTICES.removedOnReverification, values: { name: p.display_name, community: d.communityName, reason } });
    }
    return true;
  });
  if (!removed) return;
  report.removals.push({ personId: p.id, communityId, reason });
  if (!report.communities.includes(communityId)) report.communities.push(communityId);
}
