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

describe("people provisioning adds to the host team", () => {
  const addedBy = async (teamId: string) => (await f.h.store.db.selectFrom("teams_added_members").select("object_id").where("team_id", "=", teamId).execute()).map((r) => r.object_id);

  it("a private channel's owner added to the host team is recorded, and released once they leave every community there", async () => {
    const host = f.g.addTeam("Host without Tom", [oid("priya")], [oid("priya")]);
    const deps = { ...f.deps, hostTeamId: host };
    const members = () => f.g.teams.get(host)!.members.map((m) => m.userId);
    const c = await f.approved("tom");
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    expect(members()).toContain(oid("tom"));
    expect(await addedBy(host)).toEqual([oid("tom")]);

    // Priya takes over as owner and Tom leaves: he leaves the channel and, needed by no community there, the team.
    const priya = await f.inviteAndJoin(c, "priya");
    expect((await f.api("tom", "POST", `/api/v1/communities/${c.id}/members/role`, { personId: priya, role: "owner" })).status).toBe(200);
    expect((await f.api("tom", "POST", `/api/v1/communities/${c.id}/leave`)).status).toBe(200);
    expect(await syncMembers(deps, c.id)).toMatchObject({ removed: 1, removedFromHostTeam: 1 });
    expect(members()).not.toContain(oid("tom"));
    expect(members()).toContain(oid("priya"));
    expect(await addedBy(host)).toEqual([]);
  });

  it("an owner Teams refuses is recorded with its reason; the set-up fails saying so, is not re-sent while held back, and goes ahead with another owner", async () => {
    // Gus is a public servant whose account Teams does not know yet; he proposes a private-channel community.
    const elsewhere = await f.approved("tom");
    const gus = await f.financeMember(elsewhere, "Gus Owner", { inDirectory: false });
    const c = await f.approved(gus.key);
    expect(await provisionCommunity(f.deps, c.id)).toBe("failed");
    const refusal = await f.h.store.db.selectFrom("teams_member_refusals").selectAll().where("team_id", "=", f.hostTeamId).where("object_id", "=", gus.objectId).executeTakeFirstOrThrow();
    expect(refusal).toMatchObject({ code: "NotFound", attempts: 1 });
    const failed = await f.api(gus.key, "GET", `/api/v1/communities/${c.id}`);
    expect(failed.body.teams).toMatchObject({ state: "failed", lastError: expect.stringMatching(/could not add the channel's owner to the host team \(NotFound\)/) });
    expect(failed.body.provisioning[0]).toMatchObject({ step: "create_channel", status: "failed" });
    expect(teamMemberIds()).not.toContain(gus.objectId);

    // Retried before anything changed: Teams is not asked again (held back), and the same reason is shown.
    const adds = bulkAdds();
    expect((await f.api(gus.key, "POST", `/api/v1/communities/${c.id}/provisioning/retry`)).status).toBe(200);
    expect(await provisionCommunity(f.deps, c.id)).toBe("failed");
    expect(bulkAdds()).toBe(adds);
    expect((await f.api(gus.key, "GET", `/api/v1/communities/${c.id}`)).body.teams.lastError).toMatch(/\(NotFound\)/);

    // Tom, already in the host team, becomes a second owner: the retry makes the channel with him as its owner.
    expect((await f.api(gus.key, "POST", `/api/v1/communities/${c.id}/invitations`, { personId: (await f.api("tom", "GET", "/api/v1/me")).body.person.id })).status).toBe(200);
    expect((await f.api("tom", "POST", `/api/v1/communities/${c.id}/join`, { acceptCodeOfPractice: true, codeVersion: 1 })).status).toBe(200);
    const tom = (await f.api("tom", "GET", "/api/v1/me")).body.person.id as string;
    expect((await f.api(gus.key, "POST", `/api/v1/communities/${c.id}/members/role`, { personId: tom, role: "owner" })).status).toBe(200);
    expect((await f.api(gus.key, "POST", `/api/v1/communities/${c.id}/provisioning/retry`)).status).toBe(200);
    expect(await provisionCommunity(f.deps, c.id)).toBe("linked");
    const channel = f.g.teams.get(f.hostTeamId)!.channels.find((ch) => ch.displayName === c.name)!;
    expect(channel.members.map((m) => [m.userId, m.roles])).toEqual([[oid("tom"), ["owner"]]]);
    expect(bulkAdds()).toBe(adds);
    // Gus is still held back, and his owners see why.
    expect((await f.api("tom", "GET", `/api/v1/communities/${c.id}`)).body.teams.notAdded).toEqual([{ displayName: "Gus Owner", reason: "NotFound", retryAt: expect.any(String) }]);
  });

  it("a standard channel's (and a team's) members are added to the team in bulk: a refusal is recorded, not thrown", async () => {
    const open = await f.approved("tom", { visibility: "open", teamsPresence: "standard_channel" });
    expect(await provisionCommunity(f.deps, open.id)).toBe("linked");
    const ghost = await f.financeMember(open, "Gina Ghost", { inDirectory: false });
    const pat = await f.financeMember(open, "Pat Standard");
    const report = await syncMembers(f.deps, open.id);
    expect(report).toMatchObject({ added: 1, notAdded: [{ objectId: ghost.objectId, error: "NotFound" }] });
    expect(teamMemberIds()).toContain(pat.objectId);
    expect(teamMemberIds()).not.toContain(ghost.objectId);
    expect(await addedBy(f.hostTeamId)).toContain(pat.objectId);
    expect(await f.h.store.db.selectFrom("teams_member_refusals").select("code").where("object_id", "=", ghost.objectId).executeTakeFirstOrThrow()).toEqual({ code: "NotFound" });
    expect(await syncMembers(f.deps, open.id)).toMatchObject({ added: 0, heldBack: 1, notAdded: [] });

    // A team-sized community: a new owner joins the team in bulk and is then made an owner.
    const big = await f.approved("tom", { teamsPresence: "team" });
    await new Promise((r) => setTimeout(r, 250)); // Teams' 200 ms to make the team
    let outcome = await provisionCommunity(f.deps, big.id);
    for (let i = 0; i < 20 && outcome !== "linked"; i += 1) {
      await new Promise((r) => setTimeout(r, 150));
      await f.h.store.db.updateTable("provisioning_steps").set({ result: JSON.stringify({}) }).where("community_id", "=", big.id).where("step", "=", "wait_for_team").execute();
      outcome = await provisionCommunity(f.deps, big.id);
    }
    expect(outcome).toBe("linked");
    const teamId = (await f.h.store.db.selectFrom("teams_links").select("team_id").where("community_id", "=", big.id).executeTakeFirstOrThrow()).team_id!;
    const priya = await f.inviteAndJoin(big, "priya");
    expect((await f.api("tom", "POST", `/api/v1/communities/${big.id}/members/role`, { personId: priya, role: "owner" })).status).toBe(200);
    const bulkBefore = f.g.calls.filter((x) => x.path === `/teams/${teamId}/members/add`).length;
    expect(await syncMembers(f.deps, big.id)).toMatchObject({ added: 1, roleDrift: 1 });
    expect(f.g.calls.filter((x) => x.path === `/teams/${teamId}/members/add`).length).toBe(bulkBefore + 1);
    expect(f.g.teams.get(teamId)!.members.find((m) => m.userId === oid("priya"))?.roles).toEqual(["owner"]);
    expect(await syncMembers(f.deps, big.id)).toMatchObject({ added: 0, roleDrift: 0 });
  });
});
