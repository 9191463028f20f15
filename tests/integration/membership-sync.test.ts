/**
 * Membership sync against the strict Graph stand-in: people Teams refuses in a bulk add (207) are recorded with
 * Teams' reason and not re-sent on every sync, and the shared host team keeps only the people some community
 * there needs — but never loses a member Guildhall did not add, nor an owner.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionCommunity } from "../../src/jobs/provision.js";
import { syncMembers } from "../../src/jobs/syncMembers.js";
import { oid, startTeamsFlow, type TeamsFlow } from "../support/teams-flow.js";

let f: TeamsFlow;
beforeAll(async () => {
  f = await startTeamsFlow();
});
afterAll(async () => {
  await f.close();
});

const teamMemberIds = () => f.g.teams.get(f.hostTeamId)!.members.map((m) => m.userId);
const bulkAdds = () => f.g.calls.filter((x) => x.method === "POST" && x.path === `/teams/${f.hostTeamId}/members/add`).length;

async function provisioned(over: Record<string, unknown> = {}) {
  const c = await f.approved("tom", over);
  expect(await provisionCommunity(f.deps, c.id)).toBe("linked");
  return c;
}

describe("people Teams refuses in a bulk add", () => {
  it("are recorded with Teams' reason, shown to owners, held back until something changes, then added", async () => {
    const c = await provisioned();
    const ghost = await f.financeMember(c, "Gus Ghost", { inDirectory: false });
    const first = await syncMembers(f.deps, c.id);
    expect(first.notAdded).toEqual([{ objectId: ghost.objectId, error: expect.any(String) }]);
    const refusal = await f.h.store.db.selectFrom("teams_member_refusals").selectAll().where("object_id", "=", ghost.objectId).executeTakeFirstOrThrow();
    expect(refusal).toMatchObject({ team_id: f.hostTeamId, code: "NotFound", attempts: 1 });
    expect(new Date(refusal.retry_at).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);

    // Owners see who Teams refused and why; plain members do not.
    const asOwner = await f.api("tom", "GET", `/api/v1/communities/${c.id}`);
    expect(asOwner.body.teams.notAdded).toEqual([{ displayName: "Gus Ghost", reason: expect.any(String), retryAt: expect.any(String) }]);
    expect((await f.api(ghost.key, "GET", `/api/v1/communities/${c.id}`)).body.teams.notAdded).toEqual([]);

    // The next syncs do not send them again (each bulk add counts against 4 adds a minute per team).
    const before = bulkAdds();
    const again = await syncMembers(f.deps, c.id);
    expect(again).toMatchObject({ heldBack: 1, notAdded: [], addedToHostTeam: 0 });
    await syncMembers(f.deps, c.id);
    expect(bulkAdds()).toBe(before);

    // Once the backoff has passed they are tried again; a second refusal doubles the wait.
    await f.h.store.db.updateTable("teams_member_refusals").set({ retry_at: sql<Date>`now() - interval '1 second'` }).where("object_id", "=", ghost.objectId).execute();
    expect((await syncMembers(f.deps, c.id)).notAdded).toHaveLength(1);
    expect(bulkAdds()).toBe(before + 1);
    const second = await f.h.store.db.selectFrom("teams_member_refusals").selectAll().where("object_id", "=", ghost.objectId).executeTakeFirstOrThrow();
    expect(second.attempts).toBe(2);
    expect(new Date(second.retry_at).getTime()).toBeGreaterThan(Date.now() + 110 * 60_000);

    // Something changes (their account now exists and they join another community in the team): tried at once, added.
    f.g.addUser({ id: ghost.objectId, userPrincipalName: `gus.${ghost.objectId.slice(0, 6)}@finance.gov.au` });
    const other = await provisioned();
    await f.inviteAndJoin(other, ghost.key);
    const done = await syncMembers(f.deps, c.id);
    expect(done).toMatchObject({ heldBack: 0, notAdded: [], addedToHostTeam: 1, added: 1 });
    expect(teamMemberIds()).toContain(ghost.objectId);
    expect(await f.h.store.db.selectFrom("teams_member_refusals").selectAll().where("object_id", "=", ghost.objectId).executeTakeFirst()).toBeUndefined();
    expect((await f.api("tom", "GET", `/api/v1/communities/${c.id}`)).body.teams.notAdded).toEqual([]);
  });
});

describe("the shared host team", () => {
  it("loses a leaver of a private-channel community whom Guildhall added and no community there needs", async () => {
    const c = await provisioned();
    const pat = await f.financeMember(c, "Pat Leaver");
    expect(await syncMembers(f.deps, c.id)).toMatchObject({ addedToHostTeam: 1, added: 1 });
    expect(teamMemberIds()).toContain(pat.objectId);
    await f.api(pat.key, "POST", `/api/v1/communities/${c.id}/leave`);
    const report = await syncMembers(f.deps, c.id);
    expect(report).toMatchObject({ removed: 1, removedFromHostTeam: 1 });
    expect(teamMemberIds()).not.toContain(pat.objectId);
    expect(f.g.teams.get(f.hostTeamId)!.channels.find((ch) => ch.displayName === c.name)!.members.map((m) => m.userId)).not.toContain(pat.objectId);
  });

  it("keeps a leaver another community in the team still needs, until they leave that one too (a standard channel)", async () => {
    const closed = await provisioned();
    const open = await provisioned({ visibility: "open", teamsPresence: "standard_channel" });
    const sam = await f.financeMember(closed, "Sam Both");
    expect((await f.api(sam.key, "POST", `/api/v1/communities/${open.id}/join`, { acceptCodeOfPractice: true, codeVersion: 1 })).status).toBe(200);
    await syncMembers(f.deps, closed.id);
    await syncMembers(f.deps, open.id);
    expect(teamMemberIds()).toContain(sam.objectId);

    await f.api(sam.key, "POST", `/api/v1/communities/${closed.id}/leave`);
    expect(await syncMembers(f.deps, closed.id)).toMatchObject({ removed: 1, removedFromHostTeam: 0 });
    expect(teamMemberIds()).toContain(sam.objectId);

    await f.api(sam.key, "POST", `/api/v1/communities/${open.id}/leave`);
    expect(await syncMembers(f.deps, open.id)).toMatchObject({ removedFromHostTeam: 1 });
    expect(teamMemberIds()).not.toContain(sam.objectId);
  });

  it("never removes a team member Guildhall did not add, nor the team's owner", async () => {
    const c = await provisioned();
    // Priya owns the host team and Tom is a member, both from before Guildhall; Hana was added by hand in Teams.
    const hana = await f.financeMember(c, "Hana Hand");
    f.g.teams.get(f.hostTeamId)!.members.push({ id: `by-hand-${hana.objectId}`, userId: hana.objectId, roles: [] });
    await f.inviteAndJoin(c, "priya");
    expect(await syncMembers(f.deps, c.id)).toMatchObject({ addedToHostTeam: 0, added: 2 });
    for (const who of ["priya", hana.key]) await f.api(who, "POST", `/api/v1/communities/${c.id}/leave`);
    const report = await syncMembers(f.deps, c.id);
    expect(report.removed).toBe(2);
    expect(report.removedFromHostTeam).toBe(0);
    expect(teamMemberIds()).toEqual(expect.arrayContaining([oid("tom"), oid("priya"), hana.objectId]));
    // Even recorded as added by Guildhall, an owner of the team stays.
    await f.h.store.db.insertInto("teams_added_members").values({ team_id: f.hostTeamId, object_id: oid("priya") }).onConflict((oc) => oc.doNothing()).execute();
    expect((await syncMembers(f.deps, c.id)).removedFromHostTeam).toBe(0);
    expect(teamMemberIds()).toContain(oid("priya"));
  });
});
