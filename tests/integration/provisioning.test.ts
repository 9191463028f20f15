/**
 * Approval → provisioning → membership sync → re-verification, through the real commands, the real
 * database and the Graph gateway talking HTTP to the Graph stand-in.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDENTITIES } from "../../src/domain/demo.js";
import type { GraphGateway } from "../../src/graph/gateway.js";
import { abandonProvisioning, GAVE_UP_MESSAGE, provisionCommunity, provisioningMarker, type ProvisionDeps } from "../../src/jobs/provision.js";
import { ReverificationHalted, reverifyMembers } from "../../src/jobs/reverify.js";
import { syncMembers } from "../../src/jobs/syncMembers.js";
import { asTeamsFailure } from "../../src/jobs/ports.js";
import { deliverNotices, noticeLinker } from "../../src/jobs/deliverNotices.js";
import { gatewayFor } from "../support/graph-standin/gateway.js";
import { manifestApplicationPermissions, permissionRule } from "../support/graph-standin/permissions.js";
import type { GraphStandIn } from "../support/graph-standin/server.js";
import type { Harness } from "../support/harness.js";
import { FINANCE, oid, startTeamsFlow, type TeamsFlow } from "../support/teams-flow.js";

let f: TeamsFlow;
let h: Harness;
let g: GraphStandIn;
let gw: GraphGateway;
let hostTeamId: string;
let deps: ProvisionDeps;
let api: TeamsFlow["api"];
let approved: TeamsFlow["approved"];
let inviteAndJoin: TeamsFlow["inviteAndJoin"];
let financeMember: TeamsFlow["financeMember"];

beforeAll(async () => {
  // Async operations answer Retry-After: 1, so the tests that follow one need not wait the documented 30 s.
  f = await startTeamsFlow({ graph: { asyncRetryAfterSeconds: 1 } });
  ({ h, g, gw, hostTeamId, deps, api, approved, inviteAndJoin, financeMember } = f);
});
afterAll(async () => {
  await f.close();
});

describe("provisioning", () => {
  it("creates the private channel with its owner, records each step, and a second run changes nothing", async () => {
    const c = await approved("tom");
    const before = g.channelCount(hostTeamId);
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    expect(g.channelCount(hostTeamId)).toBe(before + 1);
    const view = await api("tom", "GET", `/api/v1/communities/${c.id}`);
    expect(view.body.teams.state).toBe("linked");
    expect(view.body.teams.webUrl).toContain("teams.microsoft.com");
    expect(view.body.provisioning.map((s: { status: string }) => s.status)).toEqual(["done", "done", "done"]);
    const channel = g.teams.get(hostTeamId)!.channels.find((ch) => ch.displayName === c.name)!;
    expect(channel.membershipType).toBe("private");
    expect(channel.members.map((m) => [m.userId, m.roles])).toEqual([[oid("tom"), ["owner"]]]);
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    expect(g.channelCount(hostTeamId)).toBe(before + 1);
  });

  it("a job that died after Teams created the channel resumes without a duplicate", async () => {
    const c = await approved("tom");
    // What the first attempt sent: the channel carries Guildhall's marker for this community.
    await gw.createChannel(hostTeamId, { displayName: c.name, description: `A community.\n\n${provisioningMarker(c.id)}`, membershipType: "private", ownerObjectIds: [oid("tom")] });
    await h.store.db.updateTable("provisioning_steps").set({ status: "running" }).where("community_id", "=", c.id).where("step", "=", "create_channel").execute();
    const before = g.channelCount(hostTeamId);
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    expect(g.channelCount(hostTeamId)).toBe(before);
    const step = await h.store.db.selectFrom("provisioning_steps").selectAll().where("community_id", "=", c.id).where("step", "=", "create_channel").executeTakeFirstOrThrow();
    expect(step.detail).toMatch(/earlier attempt/);
  });

  it("a run from before channels were marked (its intent names the channel) resumes on its unmarked channel, not a second one", async () => {
    const c = await approved("tom");
    await gw.createChannel(hostTeamId, { displayName: c.name, description: "A community.", membershipType: "private", ownerObjectIds: [oid("tom")] });
    await h.store.db.updateTable("provisioning_steps").set({ status: "running", result: JSON.stringify({ intent: { teamId: hostTeamId, displayName: c.name } }) }).where("community_id", "=", c.id).where("step", "=", "create_channel").execute();
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    expect(g.teams.get(hostTeamId)!.channels.filter((ch) => ch.displayName.startsWith(c.name))).toHaveLength(1);
  });

  it("needs a channel-read permission, which the manifest declares: without one Teams refuses the first step (403), named as a permission problem", async () => {
    const c = await approved("tom");
    const granted = manifestApplicationPermissions();
    // Any one of the documented channel-list permissions will do; the manifest must declare one.
    const channelRead = permissionRule("GET", `/teams/${hostTeamId}/channels`)!.application;
    expect(granted.filter((p) => channelRead.includes(p))).not.toEqual([]);
    const withoutRead = { ...deps, teams: gatewayFor(g, { timeScale: 0.01, baseDelayMs: 20, roles: granted.filter((p) => !channelRead.includes(p)) }) };
    expect(await provisionCommunity(withoutRead, c.id)).toBe("failed");
    const refused = g.calls.filter((x) => x.status === 403 && x.method === "GET" && x.path === `/teams/${hostTeamId}/channels`);
    expect(refused).toHaveLength(1);
    expect(g.teams.get(hostTeamId)!.channels.some((ch) => ch.displayName === c.name)).toBe(false);
    const view = await api("tom", "GET", `/api/v1/communities/${c.id}`);
    expect(view.body.teams).toMatchObject({ state: "failed", lastError: expect.stringMatching(/permission/) });
    // With what the manifest declares (admin consent granted), the retry goes through.
    expect((await api("tom", "POST", `/api/v1/communities/${c.id}/provisioning/retry`)).status).toBe(200);
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
  });

  it("Graph failing permanently is surfaced with a reason and can be retried by an owner", async () => {
    const c = await approved("tom");
    g.inject(/^POST \/teams\/.*\/channels$/, { status: 403 });
    expect(await provisionCommunity(deps, c.id)).toBe("failed");
    const view = await api("tom", "GET", `/api/v1/communities/${c.id}`);
    expect(view.body.teams).toMatchObject({ state: "failed", lastError: expect.stringMatching(/permission/) });
    expect(view.body.provisioning[0]).toMatchObject({ step: "create_channel", status: "failed" });
    expect(view.body.abilities["community.retryProvisioning"]).toBe(true);
    expect((await api("marcus", "POST", `/api/v1/communities/${c.id}/provisioning/retry`)).status).toBe(403);
    const retry = await api("tom", "POST", `/api/v1/communities/${c.id}/provisioning/retry`);
    expect(retry.status).toBe(200);
    expect(retry.body.teams.state).toBe("queued");
    expect((await api("tom", "POST", `/api/v1/communities/${c.id}/provisioning/retry`)).status).toBe(409);
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
  });

  it("transient failures beyond the retry budget leave the job retryable, then it completes", async () => {
    const c = await approved("tom");
    // A create is not re-sent in-process after a 503 (Teams may have done it): the job looks, then tries again.
    g.inject(/^POST \/teams\/.*\/channels$/, { status: 503 });
    await expect(provisionCommunity(deps, c.id)).rejects.toMatchObject({ retryable: true });
    const link = await h.store.db.selectFrom("teams_links").selectAll().where("community_id", "=", c.id).executeTakeFirstOrThrow();
    expect(link.state).toBe("provisioning");
    expect(link.last_error).toMatch(/busy|retry/);
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    expect(g.teams.get(hostTeamId)!.channels.filter((ch) => ch.displayName === c.name)).toHaveLength(1);
  });

  it("when the job runs out of retries the set-up shows as failed with the last reason, and a retry still works", async () => {
    const c = await approved("tom");
    // A create is not re-sent in-process after a 503 (Teams may have done it): the job looks, then tries again.
    g.inject(/^POST \/teams\/.*\/channels$/, { status: 503 });
    await expect(provisionCommunity(deps, c.id)).rejects.toMatchObject({ retryable: true });
    // pg-boss hands the spent job to the dead-letter worker, which calls this.
    expect(await abandonProvisioning(h.store.db, c.id)).toBe(true);
    expect(await abandonProvisioning(h.store.db, c.id)).toBe(false);
    const view = await api("tom", "GET", `/api/v1/communities/${c.id}`);
    expect(view.body.teams.state).toBe("failed");
    expect(view.body.teams.lastError).toContain(GAVE_UP_MESSAGE);
    expect(view.body.teams.lastError).toMatch(/Last answer from Teams: .*(busy|retry)/);
    expect(view.body.provisioning.find((s: { step: string }) => s.step === "create_channel")).toMatchObject({ status: "failed" });
    expect(view.body.abilities["community.retryProvisioning"]).toBe(true);
    expect((await api("tom", "POST", `/api/v1/communities/${c.id}/provisioning/retry`)).status).toBe(200);
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    expect(g.teams.get(hostTeamId)!.channels.filter((ch) => ch.displayName === c.name)).toHaveLength(1);
    // A link that is already set up is never marked failed by a late dead letter.
    expect(await abandonProvisioning(h.store.db, c.id)).toBe(false);
  });

  it("a team-sized community is created asynchronously, polled no sooner than Teams' Retry-After, and never created twice", async () => {
    const c = await approved("tom", { teamsPresence: "team" });
    const teamsBefore = g.teams.size;
    const polls = () => g.calls.filter((x) => x.method === "GET" && /\/operations/.test(x.path));
    const pollsBefore = polls().length;
    const teamPosts = () => g.calls.filter((x) => x.method === "POST" && x.path === "/teams").length;
    const postsBefore = teamPosts();
    // The 202 said Retry-After: 1: the job is re-queued for then, and nothing polls before.
    expect(await provisionCommunity(deps, c.id)).toEqual({ outcome: "waiting", pollAfterSeconds: 1 });
    const created = g.calls.filter((x) => x.method === "POST" && x.path === "/teams").at(-1)!;
    expect(await provisionCommunity(deps, c.id)).toEqual({ outcome: "waiting", pollAfterSeconds: 1 });
    expect(polls().length).toBe(pollsBefore);
    expect(g.teams.size).toBe(teamsBefore + 1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    const firstPoll = polls()[pollsBefore]!;
    expect(firstPoll.at - created.at).toBeGreaterThanOrEqual(1000);
    expect(g.teams.size).toBe(teamsBefore + 1);
    expect(teamPosts()).toBe(postsBefore + 1);
  });
});

describe("provisioning against Teams as a real tenant answers", () => {
  const channelsNamed = (prefix: string) => g.teams.get(hostTeamId)!.channels.filter((ch) => ch.displayName.startsWith(prefix));

  it("adds a private channel's owner to the host team first (Teams refuses channel members who are not team members)", async () => {
    const host = g.addTeam("Host without Tom", [oid("priya")], [oid("priya")]);
    const c = await approved("tom");
    expect(await provisionCommunity({ ...deps, hostTeamId: host }, c.id)).toBe("linked");
    const team = g.teams.get(host)!;
    expect(team.members.map((m) => m.userId)).toContain(oid("tom"));
    const channel = team.channels.find((ch) => ch.displayName === c.name)!;
    expect(channel.members.map((m) => [m.userId, m.roles])).toEqual([[oid("tom"), ["owner"]]]);
    const addToTeam = g.calls.findIndex((x) => x.path === `/teams/${host}/members/add`);
    const createChannel = g.calls.findIndex((x) => x.method === "POST" && x.path === `/teams/${host}/channels`);
    expect(addToTeam).toBeGreaterThanOrEqual(0);
    expect(addToTeam).toBeLessThan(createChannel);
  });

  it("a channel name already used in the host team gets a suffix within 50 characters, and the proposer is told nothing", async () => {
    const c = await approved("tom", { name: `Clash ${randomUUID().slice(0, 8)} ${"x".repeat(35)}` });
    // Another channel (another community's, hidden from Tom, or one made in Teams) has the name already.
    await gw.createChannel(hostTeamId, { displayName: c.name, description: "someone else's", membershipType: "standard", ownerObjectIds: [] });
    expect([...c.name].length).toBe(50);
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    const mine = g.teams.get(hostTeamId)!.channels.find((ch) => ch.description.includes(provisioningMarker(c.id)))!;
    expect(mine.displayName).toBe(`${c.name.slice(0, 46).trimEnd()} (2)`);
    expect([...mine.displayName].length).toBeLessThanOrEqual(50);
    const view = await api("tom", "GET", `/api/v1/communities/${c.id}`);
    expect(view.body.name).toBe(c.name);
    expect(JSON.stringify(view.body.provisioning)).not.toMatch(/already|exist|\(2\)/i);
    // A second run changes nothing.
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    expect(channelsNamed(c.name.slice(0, 20))).toHaveLength(2);
  });

  it("a name Teams keeps for a deleted channel (refused, though no list shows it) moves on to the next suffix", async () => {
    const c = await approved("tom");
    g.reserveChannelName(hostTeamId, c.name);
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    expect(channelsNamed(c.name).map((ch) => ch.displayName)).toEqual([`${c.name} (2)`]);
  });

  it("a channel create that Teams carried out but answered 504 is found, not sent again", async () => {
    const c = await approved("tom");
    g.inject(/^POST \/teams\/[^/]+\/channels$/, { status: 504, afterSuccess: true });
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    expect(channelsNamed(c.name)).toHaveLength(1);
    const posts = g.calls.filter((x) => x.method === "POST" && x.path === `/teams/${hostTeamId}/channels`).slice(-1);
    expect(posts.map((x) => x.status)).toEqual([504]);
    const step = await h.store.db.selectFrom("provisioning_steps").selectAll().where("community_id", "=", c.id).where("step", "=", "create_channel").executeTakeFirstOrThrow();
    expect(step.detail).toMatch(/answer was lost/);
  });

  it("a channel create answered 504 without being carried out is not re-sent blindly: the job looks, then creates once", async () => {
    const c = await approved("tom");
    g.inject(/^POST \/teams\/[^/]+\/channels$/, { status: 504 });
    await expect(provisionCommunity(deps, c.id)).rejects.toMatchObject({ retryable: true });
    expect(channelsNamed(c.name)).toHaveLength(0);
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    expect(channelsNamed(c.name)).toHaveLength(1);
  });

  it("a POST /teams that Teams carried out but answered 504 never makes a second team", async () => {
    const c = await approved("tom", { teamsPresence: "team" });
    const teamsBefore = g.teams.size;
    g.inject(/^POST \/teams$/, { status: 504, afterSuccess: true });
    await expect(provisionCommunity(deps, c.id)).rejects.toMatchObject({ retryable: true });
    expect(g.teams.size).toBe(teamsBefore + 1);
    await new Promise((r) => setTimeout(r, 400)); // past the stand-in's replication delay
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
    expect(g.teams.size).toBe(teamsBefore + 1);
    const ours = [...g.teams.values()].filter((t) => t.description.includes(provisioningMarker(c.id)));
    expect(ours).toHaveLength(1);
    expect(g.calls.filter((x) => x.method === "POST" && x.path === "/teams" && x.at >= g.calls[0]!.at).filter((x) => x.status === 504)).toHaveLength(1);
    const link = await h.store.db.selectFrom("teams_links").selectAll().where("community_id", "=", c.id).executeTakeFirstOrThrow();
    expect(link.team_id).toBe(ours[0]!.id);
  });

  it("a POST /teams answered 504 without a team is sent again only once Teams has had time to list it", async () => {
    const c = await approved("tom", { teamsPresence: "team" });
    const teamsBefore = g.teams.size;
    g.inject(/^POST \/teams$/, { status: 504 });
    await expect(provisionCommunity(deps, c.id)).rejects.toMatchObject({ retryable: true });
    // Within the window the job only looks.
    await expect(provisionCommunity(deps, c.id)).rejects.toMatchObject({ userMessage: expect.stringMatching(/not confirmed/) });
    expect(g.teams.size).toBe(teamsBefore);
    expect(await provisionCommunity({ ...deps, unconfirmedTeamMs: 0 }, c.id)).toMatchObject({ outcome: "waiting" });
    expect(g.teams.size).toBe(teamsBefore + 1);
  });

  it("a Retry-After longer than a minute is honoured: no early retry, the job is re-queued for then", async () => {
    const c = await approved("tom");
    g.inject(/^POST \/teams\/[^/]+\/channels$/, { status: 429, retryAfter: 120 });
    const err: unknown = await provisionCommunity(deps, c.id).catch((e: unknown) => e);
    expect(asTeamsFailure(err)).toMatchObject({ retryable: true, retryAfterSeconds: 120 });
    expect(g.calls.filter((x) => x.method === "POST" && x.path === `/teams/${hostTeamId}/channels`).at(-1)!.status).toBe(429);
    expect(channelsNamed(c.name)).toHaveLength(0);
    const link = await h.store.db.selectFrom("teams_links").selectAll().where("community_id", "=", c.id).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ state: "provisioning", last_error: expect.stringContaining("120 s") });
    expect(await provisionCommunity(deps, c.id)).toBe("linked");
  });
});

describe("membership sync and re-verification", () => {
  it("adds new members to the host team then the channel, removes leavers, and reports other tenants", async () => {
    const c = await approved("tom");
    await provisionCommunity(deps, c.id);
    // Priya (Finance) and Aisha (DTA, another tenant) are invited and join.
    for (const who of ["priya", "aisha"]) await inviteAndJoin(c, who);
    const report = await syncMembers(deps, c.id);
    expect(report).toMatchObject({ added: 1, notInHostTenant: 1, removed: 0 });
    const channel = g.teams.get(hostTeamId)!.channels.find((ch) => ch.displayName === c.name)!;
    expect(channel.members.map((m) => m.userId).sort()).toEqual([oid("priya"), oid("tom")].sort());
    expect(await syncMembers(deps, c.id)).toMatchObject({ added: 0, removed: 0 });
    await api("priya", "POST", `/api/v1/communities/${c.id}/leave`);
    expect((await syncMembers(deps, c.id)).removed).toBe(1);
    expect(channel.members.map((m) => m.userId)).toEqual([oid("tom")]);
  });

  it("puts roles right in the channel: Guildhall's owners own it, and an owner made only in Teams goes back to member", async () => {
    const c = await approved("tom");
    await provisionCommunity(deps, c.id);
    const priya = await inviteAndJoin(c, "priya");
    expect(await syncMembers(deps, c.id)).toMatchObject({ added: 1, roleDrift: 0 });
    const channel = g.teams.get(hostTeamId)!.channels.find((ch) => ch.displayName === c.name)!;
    const rolesOf = (who: string) => channel.members.find((m) => m.userId === oid(who))?.roles;
    expect(rolesOf("priya")).toEqual([]);

    expect((await api("tom", "POST", `/api/v1/communities/${c.id}/members/role`, { personId: priya, role: "owner" })).status).toBe(200);
    expect(await syncMembers(deps, c.id)).toMatchObject({ added: 0, removed: 0, roleDrift: 1 });
    expect(rolesOf("priya")).toEqual(["owner"]);

    // Someone demotes Tom in Teams directly: the next sync makes him an owner again.
    channel.members.find((m) => m.userId === oid("tom"))!.roles = [];
    expect(await syncMembers(deps, c.id)).toMatchObject({ roleDrift: 1 });
    expect(rolesOf("tom")).toEqual(["owner"]);
    expect(await syncMembers(deps, c.id)).toMatchObject({ added: 0, removed: 0, roleDrift: 0 });
  });

  it("removes a member whose account was disabled, tells the owners, and the channel follows", async () => {
    const c = await approved("tom");
    await provisionCommunity(deps, c.id);
    const casey = await financeMember(c, "Casey Leaver");
    await syncMembers(deps, c.id);
    g.users.get(casey.objectId)!.accountEnabled = false;
    const report = await reverifyMembers({ db: h.store.db, teams: gw, eligibility: h.config.eligibility, agencyAttribute: "companyName", hostTenantId: FINANCE }, { communityIds: [c.id], pageSize: 1 });
    expect(report.removals).toContainEqual({ personId: casey.personId, communityId: c.id, reason: "account_disabled" });
    // Tom (the owner) and Casey are both checked, one page each; only Casey leaves.
    expect(report.checked).toBe(2);
    expect(report.removals.filter((r) => r.personId !== casey.personId)).toEqual([]);
    const audit = await h.store.db.selectFrom("audit_log").selectAll().where("event", "=", "membership.reverification_removed").where("actor_object_id", "=", casey.objectId).execute();
    expect(audit).toHaveLength(1);
    const notices = (await api("tom", "GET", "/api/v1/notifications")).body.items;
    expect(notices.some((n: { text: string }) => n.text.includes("Casey Leaver") && n.text.includes("disabled"))).toBe(true);
    expect((await syncMembers(deps, c.id)).removed).toBe(1);
    const channel = g.teams.get(hostTeamId)!.channels.find((ch) => ch.displayName === c.name)!;
    expect(channel.members.map((m) => m.userId)).not.toContain(casey.objectId);
  });

  it("leaves members from other tenants to their own sign-in checks, and stops before removing anyone when too many accounts look gone", async () => {
    const c = await approved("tom");
    await provisionCommunity(deps, c.id);
    await inviteAndJoin(c, "aisha");
    const reverify = () => reverifyMembers({ db: h.store.db, teams: gw, eligibility: h.config.eligibility, agencyAttribute: "companyName", hostTenantId: FINANCE }, { communityIds: [c.id] });

    // Aisha's tenant (DTA) is not the host tenant: the host directory cannot vouch for her, so she stays.
    const first = await reverify();
    expect(first).toMatchObject({ checked: 1, notChecked: 1, removals: [] });

    const joined = [];
    for (let n = 0; n < 11; n += 1) joined.push(await financeMember(c, `Member ${n}`));
    const before = await h.store.db.selectFrom("memberships").select("person_id").where("community_id", "=", c.id).execute();
    // Four of twelve Finance accounts vanish at once (a wrong tenant, a directory outage): over a quarter.
    for (const j of joined.slice(0, 4)) g.users.delete(j.objectId);
    await expect(reverify()).rejects.toBeInstanceOf(ReverificationHalted);
    const after = await h.store.db.selectFrom("memberships").select("person_id").where("community_id", "=", c.id).execute();
    expect(after).toHaveLength(before.length);
    const halted = await h.store.db.selectFrom("audit_log").selectAll().where("event", "=", "membership.reverification_halted").execute();
    expect(halted.length).toBeGreaterThanOrEqual(1);

    // One gone account out of twelve is believable: that one leaves, in one batched lookup.
    for (const j of joined.slice(1, 4)) g.addUser({ id: j.objectId, userPrincipalName: `${j.objectId.slice(0, 6)}@finance.gov.au` });
    const batchesBefore = g.calls.filter((x) => x.path === "/$batch").length;
    const report = await reverify();
    expect(report.removals).toEqual([{ personId: joined[0]!.personId, communityId: c.id, reason: "account_deleted" }]);
    expect(g.calls.filter((x) => x.path === "/$batch").length - batchesBefore).toBe(1);
  });
});

describe("notices in the Teams activity feed", () => {
  const linkFor = noticeLinker({ teamsAppId: "0e6f3d4a-1b2c-4d5e-8f90-a1b2c3d4e5f6", teamsWebHost: "https://teams.microsoft.com", publicUrl: undefined });
  const delivery = () => ({ db: h.store.db, teams: gw, hostTenantId: FINANCE, linkFor });
  /** Deliver until nothing is left to claim (other tests' notices share the outbox). */
  async function drain(options: Parameters<typeof deliverNotices>[1] = {}) {
    for (let i = 0; i < 50; i += 1) {
      const r = await deliverNotices(delivery(), options);
      if (r.sent + r.skipped + r.failed + r.retrying === 0) return;
    }
    throw new Error("the outbox did not drain");
  }
  const noticeOf = (who: string, text: string) =>
    h.store.db
      .selectFrom("notifications as n")
      .innerJoin("people as p", "p.id", "n.person_id")
      .select(["n.id", "n.delivery_state", "n.delivery_attempts", "n.delivery_note", "n.delivered_at"])
      .where("p.object_id", "=", oid(who))
      .where("n.text", "like", `%${text}%`)
      .executeTakeFirstOrThrow();

  async function askAndDecide(c: { id: string }, who: string, decision: "approve" | "decline") {
    expect((await api(who, "POST", `/api/v1/communities/${c.id}/requests`, { acceptCodeOfPractice: true, codeVersion: 1, message: "Please" })).status).toBe(200);
    const view = await api("tom", "GET", `/api/v1/communities/${c.id}`);
    const request = view.body.joinRequests.find((r: { person: { displayName: string } }) => r.person.displayName === DEMO_IDENTITIES.find((d) => d.key === who)!.displayName);
    const decided = await api("tom", "POST", `/api/v1/communities/${c.id}/requests/${request.id}/decision`, { decision, reason: decision === "decline" ? "This one is for evaluators." : "" });
    expect(decided.status).toBe(200);
  }

  it("tells a requester in Teams when their request is decided, linking back to the community; other tenants stay in Guildhall", async () => {
    const c = await approved("tom");
    await askAndDecide(c, "priya", "approve");
    await askAndDecide(c, "aisha", "decline");
    await drain();

    const priya = await noticeOf("priya", c.name);
    expect(priya).toMatchObject({ delivery_state: "sent", delivery_attempts: 1 });
    expect(priya.delivered_at).not.toBeNull();
    const sent = g.activity.filter((a) => a.userId === oid("priya") && JSON.stringify(a.body).includes(c.name));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ activityType: "systemDefault", topic: { source: "text", value: c.name } });
    const webUrl = (sent[0]!.body["topic"] as { webUrl: string }).webUrl;
    expect(webUrl.startsWith("https://teams.microsoft.com/l/entity/0e6f3d4a-1b2c-4d5e-8f90-a1b2c3d4e5f6/home?context=")).toBe(true);
    expect(JSON.parse(decodeURIComponent(webUrl.split("context=")[1]!))).toEqual({ subEntityId: `/communities/${c.id}` });

    // Aisha is in another tenant: the notice stays in Guildhall's Notices page, nothing goes to Teams.
    const aisha = await noticeOf("aisha", c.name);
    expect(aisha).toMatchObject({ delivery_state: "skipped" });
    expect(g.activity.some((a) => a.userId === oid("aisha"))).toBe(false);
    expect((await api("aisha", "GET", "/api/v1/notifications")).body.items.some((n: { text: string }) => n.text.includes(c.name))).toBe(true);
  });

  it("tries again after a 429, gives up on a refusal (app not installed), and never sends old news", async () => {
    const c = await approved("tom");
    g.inject(new RegExp(`^POST /users/${oid("priya")}/teamwork/sendActivityNotification$`), { status: 429, retryAfter: 0 }, { status: 429, retryAfter: 0 }, { status: 429, retryAfter: 0 }, { status: 429, retryAfter: 0 }, { status: 429, retryAfter: 0 }, { status: 429, retryAfter: 0 }, { status: 429, retryAfter: 0 });
    await askAndDecide(c, "priya", "approve");
    const first = await deliverNotices(delivery(), { batchSize: 1000 });
    expect(first.retrying).toBeGreaterThanOrEqual(1);
    expect(await noticeOf("priya", c.name)).toMatchObject({ delivery_state: "pending", delivery_attempts: 1 });
    await drain();
    expect(await noticeOf("priya", c.name)).toMatchObject({ delivery_state: "sent", delivery_attempts: 2 });

    // Guildhall is not installed for Tom's account: Teams refuses, and that is final.
    const c2 = await approved("tom");
    g.appNotInstalled.add(oid("tom"));
    await api("priya", "POST", `/api/v1/communities/${c2.id}/requests`, { acceptCodeOfPractice: true, codeVersion: 1, message: "Me too" });
    await drain();
    const toTom = await noticeOf("tom", `asked to join "${c2.name}"`);
    expect(toTom.delivery_state).toBe("failed");
    expect(toTom.delivery_note).toMatch(/not installed/);
    g.appNotInstalled.delete(oid("tom"));

    // A notice that waited longer than the limit (Teams was unreachable for days) is skipped, not sent late.
    await h.store.db.updateTable("notifications").set({ delivery_state: "pending", created_at: new Date(Date.now() - 4 * 86_400_000) }).where("id", "=", toTom.id).execute();
    await drain();
    expect(await noticeOf("tom", `asked to join "${c2.name}"`)).toMatchObject({ delivery_state: "skipped", delivery_note: "too old to send" });
  });
});
