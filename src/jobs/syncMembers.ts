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

  /** Add to the team (in bulk) those of `ids` it lacks; the refused and held back are no longer desired here. */
  const joinTeam = async (ids: string[]): Promise<string[]> => {
    const r = await addToTeam(deps, teamId, ids);
    report.heldBack += r.heldBack.length;
    report.notAdded.push(...r.refused.map((x) => ({ objectId: x.objectId, error: x.error })));
    for (const id of [...r.heldBack.map((x) => x.objectId), ...r.refused.map((x) => x.objectId)]) desired.delete(id);
    return r.added;
  };

  if (c.teams_presence === "private_channel") {
    // Channel members must be team members first: add the missing ones in bulk (one request per 200).
    teamMembers = await deps.teams.listMembers(team);
    const inTeam = new Set(teamMembers.map((m) => m.objectId));
    report.addedToHostTeam += (await joinTeam([...desired.keys()].filter((id) => !inTeam.has(id)))).length;
  }

  let actual = await deps.teams.listMembers(target);
  if (!target.channelId) {
    // The team itself is the target (a team, or a standard channel's host team): add who is missing in bulk, then
    // look again, so a team's new owners are made owners below and the list holds their membership ids.
    const present = new Set(actual.map((m) => m.objectId));
    const added = await joinTeam([...desired.keys()].filter((id) => !present.has(id)));
    report.added += added.length;
    if (added.length > 0) actual = await deps.teams.listMembers(target);
  }
  const actualIds = new Map(actual.map((m) => [m.objectId, m]));
  for (const [objectId, owner] of desired) {
    const present = actualIds.get(objectId);
    if (!present) {
      // Only a private channel's members are added one by one (channels have no bulk add).
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
  if (c.teams_presence !== "team") {
    report.removedFromHostTeam = await releaseFromHostTeam(deps, teamId, c.teams_presence === "standard_channel" ? actual : (teamMembers ?? []));
  }
  return report;
}

export interface TeamAdds {
  /** Added to the team just now (recorded as added by Guildhall). */
  added: string[];
  /** Refused by Teams just now, with its reason (recorded; not re-sent before the backoff). */
  refused: { objectId: string; error: string; code?: string }[];
  /** Refused earlier and not sent again yet (nothing changed and the backoff has not passed), with that reason. */
  heldBack: { objectId: string; error: string }[];
}

/**
 * The one way Guildhall adds people to a team (membership sync, and provisioning putting a private channel's owner
 * in the host team): leave out those whose earlier refusal still holds, add the rest in bulk, record whom Teams
 * refused (with its reason) and whom it added (so only they are ever released from the team again).
 * `objectIds` are host-tenant people missing from the team.
 */
export async function addToTeam(deps: SyncDeps, teamId: string, objectIds: readonly string[]): Promise<TeamAdds> {
  const heldBack = await heldBackFrom(deps, teamId, objectIds);
  const held = new Set(heldBack.map((h) => h.objectId));
  const missing = objectIds.filter((id) => !held.has(id));
  if (missing.length === 0) return { added: [], refused: [], heldBack };
  const refused = await deps.teams.addTeamMembers(teamId, missing);
  const refusedIds = new Set(refused.map((r) => r.objectId));
  const added = missing.filter((id) => !refusedIds.has(id));
  await recordRefusals(deps.db, teamId, refused);
  await recordAdded(deps.db, teamId, added);
  return { added, refused, heldBack };
}

/** Of `objectIds`, those Teams refused before whose refusal still holds (nothing changed, backoff not passed). */
async function heldBackFrom(deps: SyncDeps, teamId: string, objectIds: readonly string[]): Promise<{ objectId: string; error: string }[]> {
  if (objectIds.length === 0) return [];
  const rows = await deps.db
    .selectFrom("teams_member_refusals as r")
    .innerJoin("people as p", (j) => j.onRef("p.object_id", "=", "r.object_id").on("p.tenant_id", "=", deps.hostTenantId))
    .select(["r.object_id", "r.reason"])
    .where("r.team_id", "=", teamId)
    .where("r.object_id", "in", objectIds)
    .where("r.retry_at", ">", sql<Date>`now()`)
    .where("p.updated_at", "<=", sql<Date>`r.refused_at`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("memberships as m").select("m.person_id").whereRef("m.person_id", "=", "p.id").whereRef("m.joined_at", ">", "r.refused_at"))))
    .execute();
  return rows.map((r) => ({ objectId: r.object_id, error: r.reason }));
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

/** Remember whom Guildhall itself added to a team (the only people membership sync may later remove from it), and forget their refusals. */
async function recordAdded(db: Kysely<Database>, teamId: string, objectIds: readonly string[]): Promise<void> {
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
