/**
 * The Graph workers on pg-boss against the strict Graph stand-in, when Teams says "not yet": a new team that still
 * answers 404 (directory replication) is looked at again no sooner than the documented 30 s (it used to be every
 * second), and a long Retry-After (thrown as RetryLater) holds back every Graph job — membership sync as well as
 * provisioning — and the notice outbox, instead of failing them or re-sending early.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDENTITIES } from "../../src/domain/demo.js";
import { PROVISION_QUEUE } from "../../src/commands/communities/decide.js";
import { SYNC_QUEUE } from "../../src/commands/communities/membership.js";
import { GraphStandIn } from "../support/graph-standin/server.js";
import { createHarness, type Harness } from "../support/harness.js";
import { startStandInWorkers, type StandInWorkers } from "../support/standin-workers.js";

let h: Harness;
let g: GraphStandIn;
let hostTeamId: string;
let workers: StandInWorkers;
const tokens = new Map<string, string>();

beforeAll(async () => {
  h = await createHarness({}, { commands: { graphConnected: true }, jobs: { work: true } });
  for (const d of DEMO_IDENTITIES) tokens.set(d.key, await h.tokenFor(d.key));
  // Teams makes a team at once and asks for the first poll after 1 s, but the team answers 404 for ten minutes.
  g = new GraphStandIn({ timeScale: 0.01, teamCreationMs: 0, asyncRetryAfterSeconds: 1, replicationDelayMs: 600_000 });
  await g.start();
  workers = await startStandInWorkers(h, g, { noticePollMs: 100 });
  hostTeamId = workers.hostTeamId;
});
afterAll(async () => {
  await workers.stop();
  await h.close();
  await g.stop();
});

const auth = (who: string) => ({ authorization: `Bearer ${tokens.get(who)}` });

async function approved(over: Record<string, unknown> = {}): Promise<string> {
  const p = await h.app.inject({ method: "POST", url: "/api/v1/communities", headers: auth("tom"), payload: { name: `Waits ${randomUUID().slice(0, 8)}`, purpose: "A community to test waiting for Teams.", termsOfReference: "ToR", codeOfPractice: "Code", visibility: "closed", scope: "cross_agency", classification: "OFFICIAL", ...over } });
  expect(p.statusCode).toBe(201);
  const id = (p.json() as { id: string }).id;
  expect((await h.app.inject({ method: "POST", url: `/api/v1/communities/${id}/decision`, headers: auth("priya"), payload: { decision: "approve" } })).statusCode).toBe(200);
  return id;
}

/** A job of `queue` queued for later under `key`, with how many seconds after its creation it may start. */
async function queuedLater(queue: string, key: string) {
  const r = await sql<{ delay: number }>`select extract(epoch from start_after - created_on)::float8 as delay from pgboss.job where name = ${queue} and singleton_key = ${key} and state = 'created'`.execute(h.store.db);
  return r.rows[0]?.delay;
}

const linkOf = (id: string) => h.store.db.selectFrom("teams_links").selectAll().where("community_id", "=", id).executeTakeFirstOrThrow();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("waiting for Teams", () => {
  it("a new team that still answers 404 is looked at again no sooner than 30 s, with one GET a look", async () => {
    const id = await approved({ teamsPresence: "team" });
    await expect.poll(async () => (await linkOf(id)).team_id, { timeout: 10_000, interval: 100 }).toBeTruthy();
    const teamId = (await linkOf(id)).team_id!;
    const looks = () => g.calls.filter((c) => c.method === "GET" && c.path === `/teams/${teamId}`);
    await expect.poll(() => looks().length, { timeout: 20_000, interval: 100 }).toBe(1);
    expect(looks()[0]!.status).toBe(404);
    await expect.poll(() => queuedLater(PROVISION_QUEUE, `${id}:poll`), { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(29);
    // Nothing else in the meantime: the operation was polled once (it had succeeded), the team looked at once.
    await sleep(2500);
    expect(looks()).toHaveLength(1);
    expect(g.calls.filter((c) => c.path.includes("/operations"))).toHaveLength(1);
    expect(await linkOf(id)).toMatchObject({ state: "provisioning", operation_location: null, last_error: null });
    const step = await h.store.db.selectFrom("provisioning_steps").selectAll().where("community_id", "=", id).where("step", "=", "wait_for_team").executeTakeFirstOrThrow();
    expect(step).toMatchObject({ status: "running", detail: expect.stringMatching(/setting it up/) });
  });

  it("membership sync honours a Retry-After of 120 s: re-queued for then, no second request, nothing failed", async () => {
    const id = await approved();
    await expect.poll(async () => (await linkOf(id)).state, { timeout: 20_000, interval: 100 }).toBe("linked");
    g.inject(new RegExp(`^GET /teams/${hostTeamId}/members$`), { status: 429, retryAfter: 120 });
    const listed = () => g.calls.filter((c) => c.method === "GET" && c.path === `/teams/${hostTeamId}/members`);
    const before = listed().length;
    await h.jobs.boss.send(SYNC_QUEUE, { communityId: id });
    await expect.poll(() => queuedLater(SYNC_QUEUE, `${id}:later`), { timeout: 20_000, interval: 100 }).toBeGreaterThanOrEqual(119);
    await sleep(1000);
    expect(listed().slice(before).map((c) => c.status)).toEqual([429]);
    const failed = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name like ${`${SYNC_QUEUE}%`} and data->>'communityId' = ${id} and state in ('failed', 'retry')`.execute(h.store.db);
    expect(failed.rows[0]!.n).toBe(0);
  });

  // Last: this pauses the workers' notice delivery for two minutes.
  it("the notice outbox honours a Retry-After of 120 s: the notices stay pending, attempts not counted, nothing sent before then", async () => {
    const outstanding = async () => (await h.store.db.selectFrom("notifications").select("id").where("delivery_state", "in", ["pending", "sending"]).execute()).length;
    await expect.poll(outstanding, { timeout: 20_000, interval: 100 }).toBe(0);
    const sends = () => g.calls.filter((c) => c.method === "POST" && c.path.endsWith("/teamwork/sendActivityNotification"));
    const before = sends().length;
    g.inject(/^POST \/users\/[^/]+\/teamwork\/sendActivityNotification$/, { status: 429, retryAfter: 120 });
    // Approval tells the proposer (Tom); linking tells nobody.
    const id = await approved({ visibility: "open", teamsPresence: "standard_channel" });
    await expect.poll(() => sends().length, { timeout: 10_000, interval: 50 }).toBeGreaterThan(before);
    await sleep(1500); // fifteen of the poller's turns
    expect(sends().slice(before).map((c) => c.status)).toEqual([429]);
    const notices = await h.store.db.selectFrom("notifications").select(["delivery_state", "delivery_attempts", "delivery_note"]).where("community_id", "=", id).execute();
    expect(notices.length).toBeGreaterThan(0);
    for (const n of notices) expect(n).toMatchObject({ delivery_state: "pending", delivery_attempts: 0 });
    expect(notices.some((n) => /120 s/.test(n.delivery_note ?? ""))).toBe(true);
  });
});
