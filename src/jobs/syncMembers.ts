/**
 * Keep Teams membership in step with Guildhall (the source of truth): add who is missing, remove who
 * has left. Channel members must already be members of the host team, so a private channel's new
 * members are added to the team first (in bulk). Roles follow Guildhall too: its owners are the channel's
 * owners. A standard channel's audience is the whole host team, so for it Guildhall adds people to the team
 * and never changes roles there.
 *
 * The host team is shared by every channel community, so leaving it is decided across all of them: a person
 * Guildhall added to the host team is removed from it once no community in that team needs them (otherwise
 * they would keep reading every standard channel there). Guildhall never removes a team member it did not add
 * (recorded in `teams_added_members`), nor any of the team's owners.
 *
 * A person Teams refuses in a bulk add (207, with its reason) is recorded in `teams_member_refusals` and not
 * sent again until their details change, they join another community in the team, or a backoff (1 h, doubling
 * to a day) has passed — each bulk add counts against Teams' 4-adds-a-minute limit for the team.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import type { MemberTarget, TeamsMember, TeamsPort } from "./ports.js";

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
  /** People Teams refused to add to the team just now, with its reason (recorded; not re-sent before the backoff). */
  notAdded: { objectId: string; error: string }[];
  /** People Teams refused earlier, not sent again yet (nothing changed and the backoff has not passed). */
  heldBack: number;
  /** People Guildhall added to the host team whom no community there needs any more, removed from the team. */
  removedFromHostTeam: number;
}

export async function syncMembers(deps: SyncDeps, communityId: string): Promise<SyncReport> {
  const report: SyncReport = { added: 0, removed: 0, addedToHostTeam: 0, notInHostTenant: 0, roleDrift: 0, notAdded: [], heldBack: 0, removedFromHostTeam: 0 };
  const c = await deps.db.selectFrom("communities").select(["teams_presence", "status"]).where("id", "=", communityId).executeTakeFirst();
  const link = await deps.db.selectFrom("teams_links").selectAll().where("community_id", "=", communityId).executeTakeFirst();
  if (!c || !link?.team_id || (c.teams_presence !== "team" && !link.channel_id)) return report;
  const teamId = link.team_id;

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

  const team: MemberTarget = { teamId };
  const target: MemberTarget = c.teams_presence === "private_channel" ? { teamId, channelId: link.channel_id ?? "" } : team;
  const removes = c.teams_presence !== "standard_channel";
  let teamMembers: TeamsMember[] | undefined;

  if (c.teams_presence === "private_channel") {
    // Channel members must be team members first: add the missing ones in bulk (one request per 200).
    teamMembers = await deps.teams.listMembers(team);
    const inTeam = new Set(teamMembers.map((m) => m.objectId));
    let missing = [...desired.keys()].filter((id) => !inTeam.has(id));
    const held = await heldBack(deps, teamId, missing);
    report.heldBack = held.size;
    for (const id of held) desired.delete(id);
    missing = missing.filter((id) => !held.has(id));
    if (missing.length > 0) {
      const refused = await deps.teams.addTeamMembers(teamId, missing);
      const refusedIds = new Set(refused.map((r) => r.objectId));
      const added = missing.filter((id) => !refusedIds.has(id));
      report.addedToHostTeam += added.length;
      report.notAdded.push(...refused.map((r) => ({ objectId: r.objectId, error: r.error })));
      for (const r of refused) desired.delete(r.objectId);
      await recordRefusals(deps.db, teamId, refused);
      await recordAdded(deps.db, teamId, added);
    }
  }

  const actual = await deps.teams.listMembers(target);
  const actualIds = new Map(actual.map((m) => [m.objectId, m]));
  const addedToTeam: string[] = [];
  for (const [objectId, owner] of desired) {
    const present = actualIds.get(objectId);
    if (!present) {
      await deps.teams.addMember(target, objectId, owner);
      report.added += 1;
      if (!target.channelId) addedToTeam.push(objectId);
    } else if (present.owner !== owner && c.teams_presence !== "standard_channel") {
      // Guildhall's owners own the channel (or team); anyone else made an owner in Teams goes back to member.
      await deps.teams.setMemberRole(target, present.membershipId, owner);
      report.roleDrift += 1;
    }
  }
  await recordAdded(deps.db, teamId, addedToTeam);
  if (removes) {
    for (const m of actual) {
      if (desired.has(m.objectId)) continue;
      await deps.teams.removeMember(target, m.membershipId);
      report.removed += 1;
    }
  }
  if (c.teams_presence !== "team") {
    report.removedFromHostTeam = await releaseFromHostTeam(deps, teamId, c.teams_presence === "standard_channel" ? actual : (teamMembers ?? []));
  }
  return report;
}

/** Of `objectIds`, those Teams refused before whose refusal still holds (nothing changed, backoff not passed). */
async function heldBack(deps: SyncDeps, teamId: string, objectIds: readonly string[]): Promise<Set<string>> {
  if (objectIds.length === 0) return new Set();
  const rows = await deps.db
    .selectFrom("teams_member_refusals as r")
    .innerJoin("people as p", (j) => j.onRef("p.object_id", "=", "r.object_id").on("p.tenant_id", "=", deps.hostTenantId))
    .select("r.object_id")
    .where("r.team_id", "=", teamId)
    .where("r.object_id", "in", objectIds)
    .where("r.retry_at", ">", sql<Date>`now()`)
    .where("p.updated_at", "<=", sql<Date>`r.refused_at`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("memberships as m").select("m.person_id").whereRef("m.person_id", "=", "p.id").whereRef("m.joined_at", ">", "r.refused_at"))))
    .execute();
  return new Set(rows.map((r) => r.object_id));
}

async function recordRefusals(db: Kysely<Database>, teamId: string, refused: readonly { objectId: string; error: string; code?: string }[]): Promise<void> {
  for (const r of refused) {
    await db
      .insertInto("teams_member_refusals")
      .values({ team_id: teamId, object_id: r.objectId, code: r.code ?? null, reason: r.error, retry_at: sql<Date>`now() + interval '1 hour'` })
      .onConflict((oc) =>
        oc.columns(["team_id", "object_id"]).doUpdateSet({
          code: (eb) => eb.ref("excluded.code"),
          reason: (eb) => eb.ref("excluded.reason"),
          attempts: sql<number>`teams_member_refusals.attempts + 1`,
          refused_at: sql<Date>`now()`,
          retry_at: sql<Date>`now() + least(interval '24 hours', interval '1 hour' * power(2, teams_member_refusals.attempts))`,
        }),
      )
      .execute();
  }
}

/**
 * Remember whom Guildhall itself added to a team (the only people membership sync may later remove from it), and
 * forget their refusals. Whoever adds people to a team for Guildhall (sync, provisioning) records them here.
 */
export async function recordAdded(db: Kysely<Database>, teamId: string, objectIds: readonly string[]): Promise<void> {
  if (objectIds.length === 0) return;
  await db.insertInto("teams_added_members").values(objectIds.map((object_id) => ({ team_id: teamId, object_id }))).onConflict((oc) => oc.doNothing()).execute();
  await db.deleteFrom("teams_member_refusals").where("team_id", "=", teamId).where("object_id", "in", objectIds).execute();
}

/**
 * Remove from a shared host team the people Guildhall added there whom no community in that team needs any
 * more. Never a team owner, never someone Guildhall did not add. Returns how many were removed.
 */
async function releaseFromHostTeam(deps: SyncDeps, teamId: string, teamMembers: readonly TeamsMember[]): Promise<number> {
  const added = await deps.db.selectFrom("teams_added_members").select("object_id").where("team_id", "=", teamId).execute();
  if (added.length === 0) return 0;
  const needed = await deps.db
    .selectFrom("memberships as m")
    .innerJoin("people as p", "p.id", "m.person_id")
    .innerJoin("communities as c", "c.id", "m.community_id")
    .innerJoin("teams_links as tl", "tl.community_id", "c.id")
    .select("p.object_id")
    .distinct()
    .where("tl.team_id", "=", teamId)
    .where("p.tenant_id", "=", deps.hostTenantId)
    .where("c.status", "in", ["approved", "archived"])
    .execute();
  const neededIds = new Set(needed.map((r) => r.object_id));
  const addedIds = new Set(added.map((r) => r.object_id));
  let removed = 0;
  for (const m of teamMembers) {
    if (m.owner || !addedIds.has(m.objectId) || neededIds.has(m.objectId)) continue;
    await deps.teams.removeMember({ teamId }, m.membershipId);
    await deps.db.deleteFrom("teams_added_members").where("team_id", "=", teamId).where("object_id", "=", m.objectId).execute();
    removed += 1;
  }
  return removed;
}
