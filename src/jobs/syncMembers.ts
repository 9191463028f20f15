/**
 * Keep Teams membership in step with Guildhall (the source of truth): add who is missing, remove who
 * has left. Channel members must already be members of the host team, so a private channel's new
 * members are added to the team first (in bulk). Roles follow Guildhall too: its owners are the channel's
 * owners. A standard channel's audience is the whole host team, so for it Guildhall only adds (it never
 * removes people from, or changes roles in, a team other communities may share).
 */
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import type { MemberTarget, TeamsPort } from "./ports.js";

export interface SyncDeps {
  db: Kysely<Database>;
  teams: TeamsPort;
  hostTenantId: string;
}

export interface SyncReport {
  added: number;
  removed: number;
  addedToHostTeam: number;
  /** Members from other tenants, who need cross-tenant access (B2B) before Teams can include them. */
  notInHostTenant: number;
  /** Members whose owner/member role differed in Teams and was put right. */
  roleDrift: number;
  /** People Teams refused to add to the host team, with its reason (they are tried again next sync). */
  notAdded: { objectId: string; error: string }[];
}

export async function syncMembers(deps: SyncDeps, communityId: string): Promise<SyncReport> {
  const report: SyncReport = { added: 0, removed: 0, addedToHostTeam: 0, notInHostTenant: 0, roleDrift: 0, notAdded: [] };
  const c = await deps.db.selectFrom("communities").select(["teams_presence", "status"]).where("id", "=", communityId).executeTakeFirst();
  const link = await deps.db.selectFrom("teams_links").selectAll().where("community_id", "=", communityId).executeTakeFirst();
  if (!c || !link?.team_id || (c.teams_presence !== "team" && !link.channel_id)) return report;

  const desiredRows = await deps.db
    .selectFrom("memberships as m")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select(["p.object_id", "p.tenant_id", "m.role"])
    .where("m.community_id", "=", communityId)
    .execute();
  const desired = new Map<string, boolean>();
  for (const r of desiredRows) {
    if (r.tenant_id !== deps.hostTenantId) report.notInHostTenant += 1;
    else desired.set(r.object_id, r.role === "owner");
  }

  const team: MemberTarget = { teamId: link.team_id };
  const target: MemberTarget = c.teams_presence === "private_channel" ? { teamId: link.team_id, channelId: link.channel_id ?? "" } : team;
  const removes = c.teams_presence !== "standard_channel";

  if (c.teams_presence === "private_channel") {
    // Channel members must be team members first: add the missing ones in bulk (one request per 200).
    const inTeam = new Set((await deps.teams.listMembers(team)).map((m) => m.objectId));
    const missing = [...desired.keys()].filter((id) => !inTeam.has(id));
    if (missing.length > 0) {
      const refused = await deps.teams.addTeamMembers(team.teamId, missing);
      report.addedToHostTeam += missing.length - refused.length;
      report.notAdded.push(...refused);
      for (const r of refused) desired.delete(r.objectId);
    }
  }

  const actual = await deps.teams.listMembers(target);
  const actualIds = new Map(actual.map((m) => [m.objectId, m]));
  for (const [objectId, owner] of desired) {
    const present = actualIds.get(objectId);
    if (!present) {
      await deps.teams.addMember(target, objectId, owner);
      report.added += 1;
    } else if (present.owner !== owner && c.teams_presence !== "standard_channel") {
      // Guildhall's owners own the channel (or team); anyone else made an owner in Teams goes back to member.
      await deps.teams.setMemberRole(target, present.membershipId, owner);
      report.roleDrift += 1;
    }
  }
  if (removes) {
    for (const m of actual) {
      if (desired.has(m.objectId)) continue;
      await deps.teams.removeMember(target, m.membershipId);
      report.removed += 1;
    }
  }
  return report;
}
