/** The Graph gateway against the Graph stand-in: shapes, retries, throttling, async operations. */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GraphFailure, RetryLater } from "../../src/graph/errors.js";
import type { GraphGateway } from "../../src/graph/gateway.js";
import { gatewayFor } from "../support/graph-standin/gateway.js";
import { GraphStandIn } from "../support/graph-standin/server.js";

let g: GraphStandIn;
let gw: GraphGateway;
let teamId: string;
const owner = randomUUID();
const users = Array.from({ length: 12 }, () => randomUUID());

beforeEach(async () => {
  g = new GraphStandIn({ timeScale: 0.01 });
  await g.start();
  g.addUser({ id: owner, userPrincipalName: "owner@finance.gov.au" });
  for (const u of users) g.addUser({ id: u, userPrincipalName: `${u.slice(0, 6)}@finance.gov.au` });
  teamId = g.addTeam("Communities host", users, [owner]);
  gw = gatewayFor(g, { timeScale: 0.01 });
});
afterEach(async () => {
  await g.stop();
});

const channelPosts = () => g.calls.filter((c) => c.method === "POST" && c.path.endsWith("/channels"));

describe("Graph gateway", () => {
  it("creates a private channel with its owner and finds it by name", async () => {
    const ch = await gw.createChannel(teamId, { displayName: "Evaluation CoP", description: "d", membershipType: "private", ownerObjectIds: [owner] });
    expect(ch.id).toMatch(/^19:.*@thread\.tacv2$/);
    expect(ch.webUrl).toContain("teams.microsoft.com");
    expect((await gw.findChannelByName(teamId, "Evaluation CoP"))?.id).toBe(ch.id);
    expect(await gw.findChannelByName(teamId, "Nope")).toBeUndefined();
    const members = await gw.listMembers({ teamId, channelId: ch.id });
    expect(members).toEqual([expect.objectContaining({ objectId: owner, owner: true })]);
  });

  it("waits at least Retry-After on a 429, then succeeds", async () => {
    g.inject(/^POST \/teams\/.*\/channels$/, { status: 429, retryAfter: 1 });
    const t0 = Date.now();
    await gw.createChannel(teamId, { displayName: "After throttle", description: "", membershipType: "standard", ownerObjectIds: [] });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(channelPosts().map((c) => c.status)).toEqual([429, 201]);
  });

  it("backs off on a 429 without Retry-After, on 503, and after a timeout (a read, which is safe to repeat)", async () => {
    g.inject(/^GET \/teams\/[^/]+\/channels$/, { status: 429 }, { status: 503 }, { hangMs: 1500 });
    const fast = gatewayFor(g, { timeScale: 0.01, timeoutMs: 400, baseDelayMs: 20 });
    expect(await fast.findChannelByName(teamId, "Nothing")).toBeUndefined();
    expect(g.calls.filter((c) => c.method === "GET" && c.path.endsWith("/channels")).length).toBe(4);
  });

  it("never re-sends a create after a 5xx or a timeout (Teams may have done it); re-sends it only after a 429", async () => {
    const fast = gatewayFor(g, { timeScale: 0.01, timeoutMs: 400, baseDelayMs: 20 });
    const create = (displayName: string) => fast.createChannel(teamId, { displayName, description: "", membershipType: "standard", ownerObjectIds: [] });
    for (const fault of [{ status: 503 }, { status: 504 }, { status: 504, afterSuccess: true }, { status: 502 }, { hangMs: 1500 }]) {
      const before = channelPosts().length;
      g.inject(/^POST \/teams\/.*\/channels$/, fault);
      await expect(create(`Once ${randomUUID().slice(0, 6)}`)).rejects.toMatchObject({ retryable: true });
      expect(channelPosts().length - before, JSON.stringify(fault)).toBe(1);
    }
    // The 504 after success did make its channel: exactly one.
    expect(g.channelCount(teamId)).toBe(1);
    g.inject(/^POST \/teams\/.*\/channels$/, { status: 429 });
    await create("After a 429");
    expect(channelPosts().slice(-2).map((c) => c.status)).toEqual([429, 201]);
    g.inject(/^POST \/teams$/, { status: 504, afterSuccess: true });
    await expect(fast.startTeamCreation({ displayName: "Once", description: "", ownerObjectId: owner })).rejects.toMatchObject({ status: 504 });
    expect(g.calls.filter((c) => c.method === "POST" && c.path === "/teams")).toHaveLength(1);
  });

  it("honours a Retry-After beyond the backoff cap, and hands a longer one than it waits in-process back to the job", async () => {
    const capped = gatewayFor(g, { timeScale: 0.01, maxDelayMs: 100 });
    g.inject(/^GET \/users\//, { status: 429, retryAfter: 1 });
    const t0 = Date.now();
    expect((await capped.getUser("t", owner))?.objectId).toBe(owner);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    g.inject(/^GET \/users\//, { status: 429, retryAfter: 120 });
    const calls = g.calls.length;
    const err = await capped.getUser("t", owner).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryLater);
    expect(err).toMatchObject({ retryAfterSeconds: 120, retryable: true });
    expect(g.calls.length - calls).toBe(1);
    // The same for a batch item answered 429 with a long Retry-After.
    g.inject(/^GET \/users\//, { status: 429, retryAfter: 90 });
    await expect(capped.getUsers("t", [owner])).rejects.toMatchObject({ retryAfterSeconds: 90 });
  });

  it("does not retry a permanent 403 and explains it", async () => {
    g.inject(/^POST \/teams\/.*\/channels$/, { status: 403 });
    const err = await gw.createChannel(teamId, { displayName: "Forbidden", description: "", membershipType: "standard", ownerObjectIds: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphFailure);
    expect((err as GraphFailure).retryable).toBe(false);
    expect((err as GraphFailure).userMessage).toMatch(/permission/);
    expect(channelPosts()).toHaveLength(1);
  });

  it("surfaces a Teams refusal (duplicate name, too long, owner not in team) without retrying", async () => {
    await gw.createChannel(teamId, { displayName: "Once", description: "", membershipType: "standard", ownerObjectIds: [] });
    await expect(gw.createChannel(teamId, { displayName: "once", description: "", membershipType: "standard", ownerObjectIds: [] })).rejects.toMatchObject({ status: 400, code: "NameAlreadyExists" });
    await expect(gw.createChannel(teamId, { displayName: "x".repeat(51), description: "", membershipType: "standard", ownerObjectIds: [] })).rejects.toMatchObject({ retryable: false });
    await expect(gw.createChannel(teamId, { displayName: "Stranger", description: "", membershipType: "private", ownerObjectIds: [randomUUID()] })).rejects.toMatchObject({ status: 400 });
  });

  it("creates a team asynchronously: 202 + Location, then polls to succeeded; a just-created team can 404", async () => {
    const slow = new GraphStandIn({ timeScale: 1, teamCreationMs: 300, replicationDelayMs: 500 });
    await slow.start();
    try {
      const sgw = gatewayFor(slow);
      const started = await sgw.startTeamCreation({ displayName: "Big CoP", description: "", ownerObjectId: owner });
      expect(started.operationUrl).toBe(`/teams('${started.teamId}')/operations('${started.operationUrl.split("'")[3]}')`);
      // The 202 carries Retry-After (the documented 30 s unless the stand-in is told otherwise), and so does an unfinished operation.
      expect(started.retryAfterSeconds).toBe(30);
      expect((await sgw.pollOperation(started.operationUrl)).retryAfterSeconds).toBe(30);
      expect((await sgw.pollOperation(started.operationUrl)).status).not.toBe("succeeded");
      await expect(sgw.getTeamWebUrl(started.teamId)).rejects.toMatchObject({ status: 404 });
      await new Promise((r) => setTimeout(r, 600));
      expect((await sgw.pollOperation(started.operationUrl)).status).toBe("succeeded");
      expect(await sgw.getTeamWebUrl(started.teamId)).toContain(started.teamId);
    } finally {
      await slow.stop();
    }
  });

  it("paces member adds at 4 per minute per channel: a burst of 12 gets no 429", async () => {
    const ch = await gw.createChannel(teamId, { displayName: "Paced", description: "", membershipType: "private", ownerObjectIds: [owner] });
    const t0 = Date.now();
    for (const u of users) await gw.addMember({ teamId, channelId: ch.id }, u, false);
    const adds = g.calls.filter((c) => c.method === "POST" && c.path.endsWith("/members"));
    expect(adds).toHaveLength(12);
    expect(adds.every((c) => c.status === 201)).toBe(true);
    // 12 adds at 4 per (60 s × 0.01) need at least two full windows.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1200);
    expect(await gw.listMembers({ teamId, channelId: ch.id })).toHaveLength(13);
  });

  it("removes members (idempotently) and reads users, 404 meaning gone", async () => {
    const ch = await gw.createChannel(teamId, { displayName: "Removals", description: "", membershipType: "private", ownerObjectIds: [owner] });
    await gw.addMember({ teamId, channelId: ch.id }, users[0]!, false);
    const m = (await gw.listMembers({ teamId, channelId: ch.id })).find((x) => x.objectId === users[0]);
    await gw.removeMember({ teamId, channelId: ch.id }, m!.membershipId);
    await gw.removeMember({ teamId, channelId: ch.id }, m!.membershipId);
    expect((await gw.listMembers({ teamId, channelId: ch.id })).map((x) => x.objectId)).toEqual([owner]);
    expect(await gw.getUser("t", owner)).toMatchObject({ accountEnabled: true, userType: "Member" });
    expect(await gw.getUser("t", randomUUID())).toBeUndefined();
  });

  it("reads users twenty to a $batch, resends only the items answered 429 after their Retry-After, and maps 404 to gone", async () => {
    const many = Array.from({ length: 45 }, () => randomUUID());
    for (const u of many) g.addUser({ id: u, userPrincipalName: `${u.slice(0, 6)}@finance.gov.au` });
    const gone = randomUUID();
    g.inject(new RegExp(`^GET /users/${many[7]}$`), { status: 429, retryAfter: 1 });
    g.inject(new RegExp(`^GET /users/${many[30]}$`), { status: 503 });
    const t0 = Date.now();
    const found = await gw.getUsers("tenant", [...many, gone]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(found.size).toBe(46);
    expect(found.get(gone)).toBeUndefined();
    expect(found.has(gone)).toBe(true);
    expect(many.every((u) => found.get(u)?.objectId === u)).toBe(true);
    const batches = g.calls.filter((c) => c.path === "/$batch");
    expect(batches).toHaveLength(3 + 2); // 20 + 20 + 6, then each throttled item again on its own
    const items = g.calls.filter((c) => c.batched);
    expect(items.filter((c) => c.path === `/users/${many[7]}`).map((c) => c.status)).toEqual([429, 200]);
    expect(items.filter((c) => c.path === `/users/${many[30]}`).map((c) => c.status)).toEqual([503, 200]);
    expect(items).toHaveLength(46 + 2);
  });

  it("fails a batched read when an item is refused outright (403), so the job can retry later", async () => {
    g.inject(new RegExp(`^GET /users/${users[2]}$`), { status: 403 });
    await expect(gw.getUsers("tenant", users)).rejects.toMatchObject({ status: 403, retryable: false });
  });

  it("adds people to a team in bulk with one request, and reports the ones Teams could not add", async () => {
    const newcomers = Array.from({ length: 30 }, () => randomUUID());
    for (const u of newcomers) g.addUser({ id: u, userPrincipalName: `${u.slice(0, 6)}@finance.gov.au` });
    const stranger = randomUUID();
    const refused = await gw.addTeamMembers(teamId, [...newcomers, stranger]);
    expect(refused).toEqual([{ objectId: stranger, error: "NotFound", code: "NotFound" }]);
    expect(g.calls.filter((c) => c.path === `/teams/${teamId}/members/add`).map((c) => c.status)).toEqual([207]);
    const inTeam = new Set((await gw.listMembers({ teamId })).map((m) => m.objectId));
    expect(newcomers.every((u) => inTeam.has(u))).toBe(true);
    expect(inTeam.has(stranger)).toBe(false);
  });
});
